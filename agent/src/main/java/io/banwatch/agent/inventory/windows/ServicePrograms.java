package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.ServiceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Whether a stopped service that Windows would start at boot still has its program. Such a
 * service is either an install that is merely stopped, or the registration an uninstall left
 * behind, whose program is gone (the {@code kaspersky-remnants} machine's {@code AVP.KES.21.9}):
 * only the disk tells them apart. Running services need no check (they run), nor do manual or
 * disabled ones (stopped, they are remnants either way), so a scan looks at a handful of files.
 *
 * <p>The program is read from the service's command line ({@code Win32_Service.PathName}):
 * <pre>
 * "C:\Program Files (x86)\Kaspersky Lab\KES.12.6.0\avp.exe" -r      quoted, with arguments
 * C:\WINDOWS\system32\svchost.exe -k netsvcs -p                      unquoted, up to ".exe"
 * %SystemRoot%\System32\spoolsv.exe                                  the system folder's variables
 * </pre>
 * A command line it cannot read (a relative path, another variable) is not checked, and such a
 * stopped service is not taken for an install.
 */
final class ServicePrograms {
    private ServicePrograms() {
    }

    /**
     * The services, each stopped auto-start one with what was found on the disk
     * ({@link ServiceState#withProgram}): present, it is an install that is merely stopped; missing,
     * what an uninstall left. A service whose program cannot be read or looked for stays as it was.
     *
     * @param exists whether a file exists
     * @param env    the environment: SystemRoot or windir, and PROCESSOR_ARCHITEW6432 for a 32-bit JVM
     */
    static List<Evidence> checkPrograms(List<Evidence> services, Predicate<String> exists, Function<String, String> env) {
        List<Evidence> out = new ArrayList<>(services.size());
        for (Evidence e : services) {
            ServiceState state = ServiceState.parse(e.detail());
            String program = state.running() || !state.startsAutomatically() ? null : program(e.location(), env);
            Boolean present = program == null ? null : exists(program, exists);
            out.add(present == null ? e
                    : new Evidence(e.kind(), e.source(), e.name(), e.location(), state.withProgram(present).detail()));
        }
        return out;
    }

    /** Whether the file is there; null when the check itself fails, which tells nothing. */
    private static Boolean exists(String file, Predicate<String> exists) {
        try {
            return exists.test(file);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The program file a service command line starts, as this process must look for it; null when unreadable. */
    static String program(String commandLine, Function<String, String> env) {
        if (commandLine == null || commandLine.isBlank()) {
            return null;
        }
        String text = commandLine.strip();
        String path;
        if (text.startsWith("\"")) {
            int close = text.indexOf('"', 1);
            if (close < 0) {
                return null;
            }
            path = text.substring(1, close);
        } else {
            int exe = text.toLowerCase(Locale.ROOT).indexOf(".exe");
            path = exe < 0 ? text : text.substring(0, exe + 4);
        }
        String systemRoot = systemRoot(env);
        if (systemRoot != null) {
            path = replaceStart(replaceStart(path, "%SystemRoot%", systemRoot), "%windir%", systemRoot);
        }
        if (path.startsWith("\\??\\")) {
            path = path.substring(4);
        }
        if (!path.matches("[A-Za-z]:\\\\.*") || path.contains("%")) {
            return null;
        }
        // A 32-bit JVM on 64-bit Windows sees SysWOW64 in place of System32; Sysnative is the real one.
        if (systemRoot != null && env.apply("PROCESSOR_ARCHITEW6432") != null) {
            path = replaceStart(path, systemRoot + "\\System32\\", systemRoot + "\\Sysnative\\");
        }
        return path;
    }

    private static String replaceStart(String path, String prefix, String replacement) {
        return path.regionMatches(true, 0, prefix, 0, prefix.length())
                ? replacement + path.substring(prefix.length()) : path;
    }

    private static String systemRoot(Function<String, String> env) {
        String root = env.apply("SystemRoot");
        if (root == null || root.isBlank()) {
            root = env.apply("windir");
        }
        return root == null || root.isBlank() ? null : root;
    }
}
