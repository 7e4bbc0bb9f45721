package io.banwatch.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put things; the paths come from packaging/pom.xml (surefire, failsafe). */
final class Build {
    private Build() {
    }

    /** packaging/src: the sources of every package file. */
    static Path src() {
        return dir("banwatch.packaging.src");
    }

    /** The repository's top folder: README.md, docs/, the modules. */
    static Path repository() {
        return dir("banwatch.repository").normalize();
    }

    /** packaging/target/stage: what the packages contain, staged. */
    static Path stage() {
        return dir("banwatch.packaging.stage");
    }

    /** packaging/target: the built packages. */
    static Path target() {
        return dir("banwatch.packaging.target");
    }

    static String version() {
        return System.getProperty("banwatch.packaging.version", "");
    }

    private static Path dir(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isDirectory(Path.of(value))) {
            throw new IllegalStateException("system property " + property + " must name a directory (run through Maven), got " + value);
        }
        return Path.of(value);
    }
}
