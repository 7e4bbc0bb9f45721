package io.banwatch.packaging;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No recipe in the docs writes credentials or state into the checkout: a collector's data
 * directory (enrollment secret, admin token, database) and an agent's state directory (host
 * token, spool) must be given as absolute paths or variables, never {@code ./data} or
 * {@code $PWD/agent}. And should someone do it anyway, .gitignore keeps those files out of a
 * commit.
 */
class DocsRecipesTest {
    private static final Path REPO = Build.repository();
    private static final Pattern SHELL_BLOCK = Pattern.compile("(?ms)^```(?:sh|bash|shell)\\s*$(.*?)^```");
    private static final Pattern STATE_PLACE = Pattern.compile(
            "(--data[ =]|BANWATCH_STATE_DIR=|BANWATCH_LOG_DIR=|data\\.dir=)(\"?)([^\\s\"]+)");

    @Test
    void noRecipePutsStateOrCredentialsInTheCheckout() throws IOException {
        assertThat(placesInTheCheckout(docs())).as("state places inside the checkout").isEmpty();
    }

    @Test
    void aRelativeOrWorkingDirectoryPlaceIsFound() {
        String doc = "```sh\nbanwatch-server serve --data ./data &\nexport BANWATCH_STATE_DIR=$PWD/agent\n"
                + "banwatch-server serve --data=data\nexport BANWATCH_LOG_DIR=\"$trial/logs\"\n"
                + "banwatch-server serve --data /var/lib/banwatch   # not --data ./here\n```\n";
        assertThat(placesInTheCheckout(Map.of(Path.of("x.md"), doc)))
                .containsExactly("x.md: --data ./data", "x.md: BANWATCH_STATE_DIR=$PWD/agent", "x.md: --data=data");
    }

    @Test
    void gitIgnoresTheStateFilesOfATrial() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(REPO.resolve(".git")) || Files.isRegularFile(REPO.resolve(".git")),
                "not a git checkout, so there is no .gitignore to check");
        List<String> paths = List.of("agent/host-token", "agent/host-tokens/0b5f6e2a", "agent/status.properties", "agent/spool/0001-id-f.json.gz",
                "agent/spool/.tmp-123", "agent/spool/quarantine/x.json.gz", "data/enrollment-secret",
                "data/initial-admin-token", "data/banwatch.db", "data/banwatch.db-wal", "server-stub/banwatch.db");
        List<String> command = new ArrayList<>(List.of("git", "-C", REPO.toString(), "check-ignore", "--no-index"));
        command.addAll(paths);
        Shell.Result r = Shell.run(command, Map.of(), 30);
        assertThat(r.out().lines().toList()).as("ignored by git (%s)", r.err()).containsExactlyInAnyOrderElementsOf(paths);
    }

    static List<String> placesInTheCheckout(Map<Path, String> docs) {
        List<String> bad = new ArrayList<>();
        docs.forEach((doc, text) -> {
            Matcher block = SHELL_BLOCK.matcher(text);
            while (block.find()) {
                String commands = block.group(1).replaceAll("(?m)(^|\\s)#.*$", "");
                Matcher m = STATE_PLACE.matcher(commands);
                while (m.find()) {
                    String value = m.group(3);
                    boolean outside = value.startsWith("/") || value.startsWith("~")
                            || (value.startsWith("$") && !value.startsWith("$PWD") && !value.startsWith("${PWD"));
                    if (!outside) {
                        bad.add(doc + ": " + m.group(1) + value);
                    }
                }
            }
        });
        return bad;
    }

    private static Map<Path, String> docs() throws IOException {
        Map<Path, String> out = new java.util.TreeMap<>();
        out.put(Path.of("README.md"), Files.readString(REPO.resolve("README.md")));
        try (Stream<Path> pages = Files.list(REPO.resolve("docs"))) {
            for (Path p : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                out.put(REPO.relativize(p), Files.readString(p));
            }
        }
        return out;
    }
}
