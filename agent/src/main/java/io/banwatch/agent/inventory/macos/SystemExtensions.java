package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.model.Evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Lists system extensions: from sysextd's db.plist when it can be read, else (on a live scan
 * only) from {@code systemextensionsctl list}. Reading db.plist needs root and Full Disk Access;
 * the command needs neither but gives no install location.
 */
final class SystemExtensions {
    static final String SOURCE = "systemextensions";
    static final String LIST_SOURCE = "systemextensionsctl";
    static final String DB = "/Library/SystemExtensions/db.plist";
    static final List<String> LIST_COMMAND = List.of("/usr/bin/systemextensionsctl", "list");
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(15);

    private SystemExtensions() {
    }

    static List<Evidence> read(MacRoot root, boolean live, CommandRunner runner, Consumer<String> problems) {
        Path db = root.resolve(DB);
        if (!live && !Files.exists(db)) {
            // An image of a Mac before 10.15, or one that never had an extension: nothing failed.
            return List.of();
        }
        List<String> dbProblems = new ArrayList<>();
        Optional<Plist> parsed = root.plist(db, dbProblems::add);
        if (parsed.isPresent()) {
            return evidence(SystemExtensionsDb.parse(parsed.get()), SOURCE);
        }
        if (!live) {
            dbProblems.forEach(problems);
            return List.of();
        }
        CommandResult result = runner.run(LIST_COMMAND, null, LIST_TIMEOUT);
        if (!result.ok()) {
            problems.accept(String.join("; ", dbProblems) + "; " + LIST_SOURCE + " list: " + result.problem());
            return List.of();
        }
        return evidence(SystemExtensionsList.parse(result.stdout()), LIST_SOURCE);
    }

    private static List<Evidence> evidence(List<SystemExtension> extensions, String source) {
        List<Evidence> out = new ArrayList<>(extensions.size());
        for (SystemExtension e : extensions) {
            out.add(e.toEvidence(source));
        }
        return out;
    }
}
