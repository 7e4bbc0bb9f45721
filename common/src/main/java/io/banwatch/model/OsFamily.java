package io.banwatch.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operating-system families banwatch reads, the one list of them: the agent picks its
 * inventory source and its folders by it, rule packs name it in a signal's {@code os}, the
 * collector offers it as a filter.
 *
 * <p>On the wire (reports, packs, API) a family is its {@link #id()}, a lowercase string; the
 * report keeps it a string so a collector still stores a report from a newer agent for a family
 * it does not know.
 */
public enum OsFamily {
    LINUX("linux"), MACOS("macos"), WINDOWS("windows");

    private static final List<String> IDS = List.of(LINUX.id, MACOS.id, WINDOWS.id);

    private final String id;

    OsFamily(String id) {
        this.id = id;
    }

    /** The family as reports, packs and the API write it: {@code linux}, {@code macos}, {@code windows}. */
    public String id() {
        return id;
    }

    /** The family an id names (as written, case-insensitively), or empty. */
    public static Optional<OsFamily> fromId(String id) {
        if (id != null) {
            String folded = id.strip().toLowerCase(Locale.ROOT);
            for (OsFamily f : values()) {
                if (f.id.equals(folded)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The family of a JVM's {@code os.name}: Windows, macOS (also "Darwin"), and Linux for
     * anything else, since the agent's Linux source reads plain files that other Unixes mostly share.
     */
    public static OsFamily ofOsName(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MACOS;
        }
        return LINUX;
    }

    /** Every id, in declaration order: {@code [linux, macos, windows]}. */
    public static List<String> ids() {
        return IDS;
    }

    /** "linux, macos or windows", for the errors that name the families one may write. */
    public static String choices() {
        return Choices.oneOf(IDS);
    }
}
