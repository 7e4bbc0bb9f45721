package io.banwatch.packaging;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A .deb read back the way dpkg reads it: an ar archive of debian-binary, control.tar.*, data.tar.*. */
record DebArchive(List<String> members, String debianBinary, Map<String, String> control, Map<String, TarArchiveEntry> data) {

    static DebArchive read(Path deb) throws IOException {
        List<String> members = new ArrayList<>();
        String debianBinary = null;
        Map<String, String> control = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> data = new LinkedHashMap<>();
        try (ArArchiveInputStream ar = new ArArchiveInputStream(Files.newInputStream(deb))) {
            ArArchiveEntry member;
            while ((member = ar.getNextEntry()) != null) {
                String name = member.getName();
                members.add(name);
                byte[] bytes = ar.readAllBytes();
                if (name.equals("debian-binary")) {
                    debianBinary = new String(bytes, StandardCharsets.US_ASCII);
                } else if (name.startsWith("control.tar")) {
                    readTar(name, bytes, (entry, in) -> {
                        if (entry.isFile()) {
                            control.put(strip(entry.getName()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    });
                } else if (name.startsWith("data.tar")) {
                    readTar(name, bytes, (entry, in) -> data.put("/" + strip(entry.getName()), entry));
                }
            }
        }
        return new DebArchive(members, debianBinary, control, data);
    }

    /** A control field, e.g. "Package". */
    String field(String name) {
        for (String line : control.get("control").split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    private interface EntryVisitor {
        void visit(TarArchiveEntry entry, InputStream in) throws IOException;
    }

    private static void readTar(String name, byte[] bytes, EntryVisitor visitor) throws IOException {
        InputStream raw = new ByteArrayInputStream(bytes);
        InputStream in = name.endsWith(".gz") ? new GzipCompressorInputStream(raw)
                : name.endsWith(".xz") ? new XZCompressorInputStream(raw)
                : name.endsWith(".tar") ? raw
                : null;
        if (in == null) {
            throw new IOException("unexpected member compression: " + name);
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                visitor.visit(entry, tar);
            }
        }
    }

    private static String strip(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }
}
