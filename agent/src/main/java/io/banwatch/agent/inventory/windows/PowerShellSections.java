package io.banwatch.agent.inventory.windows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output of {@code inventory.ps1} split into its sections: each section's JSON text, or the
 * error message of a section that failed.
 *
 * <p>Recorded excerpt (CRLF line ends; the JSON line is cut here):
 * <pre>
 * ### banwatch-section host
 * {"ComputerName":"PC-FIN-0142","Domain":"corp.contoso.com","PartOfDomain":true,...}
 * ### banwatch-section wsc-firewall
 *
 * ### banwatch-error wsc-antivirus
 * Invalid namespace
 * </pre>
 * A section's body is everything up to the next marker, trimmed: one line as the script writes it,
 * an empty text for a command that returned nothing. Text before the first marker (a PowerShell
 * banner or warning), a byte order mark, LF or CRLF line ends and trailing blank lines are all
 * tolerated; sections this agent does not know are kept and simply never asked for.
 *
 * @param bodies every section that ran, by name, in output order: its JSON text, possibly empty
 * @param errors every section that failed, by name, in output order: its one-line message
 */
public record PowerShellSections(Map<String, String> bodies, Map<String, String> errors) {
    static final String SECTION_MARKER = "### banwatch-section ";
    static final String ERROR_MARKER = "### banwatch-error ";

    public PowerShellSections {
        bodies = Collections.unmodifiableMap(new LinkedHashMap<>(bodies));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Splits the script's standard output. Never throws; output without markers has no sections. */
    public static PowerShellSections parse(String stdout) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = null;
        boolean failed = false;
        StringBuilder body = new StringBuilder();
        for (String line : stdout.replace("\uFEFF", "").split("\r?\n|\r")) {
            boolean section = line.startsWith(SECTION_MARKER);
            if (section || line.startsWith(ERROR_MARKER)) {
                store(name, failed, body, bodies, errors);
                name = line.substring(section ? SECTION_MARKER.length() : ERROR_MARKER.length()).strip();
                failed = !section;
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        store(name, failed, body, bodies, errors);
        return new PowerShellSections(bodies, errors);
    }

    /**
     * Splits the output of a script that was killed part-way: only sections written to their end
     * count. Each section is a marker line and one body line, so a last line without its line end
     * and then a last marker without its body line belong to the section being written, and are
     * dropped; the sections before them are whole.
     */
    public static PowerShellSections parseCut(String stdout) {
        String text = stdout.replace("\uFEFF", "");
        int end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
        List<String> lines = new ArrayList<>(Arrays.asList(text.substring(0, end).split("\r?\n|\r", -1)));
        lines.remove(lines.size() - 1); // the empty text after the last line end
        if (!lines.isEmpty()) {
            String last = lines.get(lines.size() - 1);
            if (last.startsWith(SECTION_MARKER) || last.startsWith(ERROR_MARKER)) {
                lines.remove(lines.size() - 1);
            }
        }
        return parse(String.join("\n", lines));
    }

    /** True when no section at all was found: the script did not run or printed nothing usable. */
    public boolean isEmpty() {
        return bodies.isEmpty() && errors.isEmpty();
    }

    private static void store(String name, boolean failed, StringBuilder body, Map<String, String> bodies,
                              Map<String, String> errors) {
        if (name == null || name.isEmpty()) {
            return;
        }
        String text = body.toString().strip();
        if (failed) {
            errors.put(name, text.isEmpty() ? "failed without a message" : text);
            bodies.remove(name);
        } else {
            bodies.put(name, text);
            errors.remove(name);
        }
    }
}
