package io.banwatch.agent.inventory;

import java.util.Locale;

/** One spelling per machine architecture, whatever the JVM or the package manager calls it. */
public final class MachineArch {
    private MachineArch() {
    }

    /** {@code x86_64}, {@code aarch64} or {@code i686} for their aliases; anything else as given; null stays null. */
    public static String normalise(String arch) {
        if (arch == null) {
            return null;
        }
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "i686";
            default -> arch;
        };
    }
}
