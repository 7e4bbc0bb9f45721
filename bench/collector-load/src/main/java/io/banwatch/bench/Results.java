package io.banwatch.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** One engine's figures as flat key=value lines, so the two engines' runs can be put side by side. */
final class Results {
    private final Map<String, String> values = new TreeMap<>();

    void put(String key, Object value) {
        values.put(key, String.valueOf(value).replace('\n', ' '));
    }

    void putAll(Map<String, String> figures) {
        figures.forEach(this::put);
    }

    String get(String key) {
        return values.getOrDefault(key, "");
    }

    void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    static Results read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Results results = new Results();
        p.stringPropertyNames().forEach(k -> results.put(k, p.getProperty(k)));
        return results;
    }
}
