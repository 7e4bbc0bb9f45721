package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Software;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists Homebrew formulae and casks from the install folders themselves, not through {@code brew}
 * (a Ruby program that takes seconds to start and runs as the user who installed it):
 * <pre>
 * /opt/homebrew/Cellar/&lt;formula&gt;/&lt;version&gt;/      Apple silicon
 * /usr/local/Cellar/&lt;formula&gt;/&lt;version&gt;/         Intel
 * /opt/homebrew/Caskroom/&lt;cask&gt;/&lt;version&gt;/      (and /usr/local/Caskroom)
 * </pre>
 * Every version folder is one entry, since brew keeps old versions on disk until a cleanup.
 * Hidden folders such as a cask's {@code .metadata} are not versions.
 */
final class HomebrewPackages {
    static final String SOURCE = "homebrew";
    static final List<String> FOLDERS = List.of("/opt/homebrew/Cellar", "/opt/homebrew/Caskroom",
            "/usr/local/Cellar", "/usr/local/Caskroom");

    private HomebrewPackages() {
    }

    static List<Software> read(MacRoot root, Consumer<String> problems) {
        List<Software> out = new ArrayList<>();
        for (String folder : FOLDERS) {
            for (Path pkg : root.list(root.resolve(folder), problems)) {
                for (Path version : root.list(pkg, problems)) {
                    if (Files.isDirectory(version)) {
                        out.add(new Software(pkg.getFileName().toString(), version.getFileName().toString(), null,
                                SOURCE, Software.MACHINE, null, null, null, root.shown(version)));
                    }
                }
            }
        }
        return out;
    }
}
