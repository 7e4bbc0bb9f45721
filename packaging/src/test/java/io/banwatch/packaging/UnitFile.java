package io.banwatch.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file read as systemd does: [Section], Key=Value, # and ; comments, repeated keys. */
record UnitFile(Map<String, List<Map.Entry<String, String>>> sections) {

    static UnitFile read(Path file) throws IOException {
        Map<String, List<Map.Entry<String, String>>> sections = new LinkedHashMap<>();
        List<Map.Entry<String, String>> current = null;
        int n = 0;
        for (String raw : Files.readAllLines(file)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.endsWith("\\")) {
                throw new IllegalArgumentException(file + ":" + n + ": continuation lines are not supported here");
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                throw new IllegalArgumentException(file + ":" + n + ": not a key=value line in a section: " + raw);
            }
            current.add(Map.entry(line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
        }
        return new UnitFile(sections);
    }

    /** The last value of a key, as systemd uses it for single-valued settings; null if absent. */
    String get(String section, String key) {
        String value = null;
        for (Map.Entry<String, String> e : sections.getOrDefault(section, List.of())) {
            if (e.getKey().equals(key)) {
                value = e.getValue();
            }
        }
        return value;
    }

    /** Every value of a key, in order, for settings systemd adds up (Environment=). */
    List<String> all(String section, String key) {
        return sections.getOrDefault(section, List.of()).stream().filter(e -> e.getKey().equals(key))
                .map(Map.Entry::getValue).toList();
    }

    List<String> keys(String section) {
        return sections.getOrDefault(section, List.of()).stream().map(Map.Entry::getKey).toList();
    }
}
