package io.banwatch.collector.ingest;

import io.banwatch.model.Software;

import java.util.Comparator;

/**
 * The identity of a distinct package in the software table; absent values are '' so that the
 * unique key dedupes them.
 */
record SoftwareKey(String name, String version, String publisher, String source, String arch) {
    /** The one order in which every collector inserts catalogue rows (see SoftwareIds). */
    static final Comparator<SoftwareKey> ORDER = Comparator.comparing(SoftwareKey::name)
            .thenComparing(SoftwareKey::version).thenComparing(SoftwareKey::publisher)
            .thenComparing(SoftwareKey::source).thenComparing(SoftwareKey::arch);

    static SoftwareKey of(Software s) {
        return new SoftwareKey(cut(s.name(), 512), cut(s.version(), 255), cut(s.publisher(), 512), cut(s.source(), 32),
                cut(s.arch(), 32));
    }

    private static String cut(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
