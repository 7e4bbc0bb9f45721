package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The recorded Mac trees under src/test/resources/fixtures/macos, and the ways tests use them. */
final class MacFixtures {
    private MacFixtures() {
    }

    /** The root of a scenario's tree, e.g. {@code kav-for-mac}, on the test classpath. */
    static Path scenario(String name) {
        URL url = MacFixtures.class.getResource("/fixtures/macos/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no macOS fixture scenario " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file of a scenario, e.g. {@code var/db/receipts/org.xquartz.X11.plist}. */
    static Path file(String scenario, String relative) {
        return scenario(scenario).resolve(relative);
    }

    /** A recorded command output, e.g. {@code kav-for-mac/commands/systemextensionsctl-list.txt}. */
    static String text(String relative) {
        return Fixtures.text("macos/" + relative);
    }

    static byte[] bytes(String scenario, String relative) {
        try {
            return Files.readAllBytes(file(scenario, relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Plist plist(String scenario, String relative) {
        return Plist.read(file(scenario, relative));
    }

    /** A dictionary written as the body of an XML plist, e.g. {@code <key>Label</key><string>x</string>}. */
    static Plist xml(String dictBody) {
        String doc = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>%s</dict>
                </plist>
                """.formatted(dictBody);
        return Plist.parse(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A problem collector for the readers' {@code Consumer<String> problems}. */
    static final class Problems implements java.util.function.Consumer<String> {
        private final java.util.List<String> seen = new java.util.ArrayList<>();

        @Override
        public void accept(String problem) {
            seen.add(problem);
        }

        java.util.List<String> list() {
            return seen;
        }
    }

    /** A command that ran and printed {@code stdout}. */
    static io.banwatch.agent.inventory.CommandResult ran(String stdout) {
        return new io.banwatch.agent.inventory.CommandResult(0, stdout, "", null);
    }

    /**
     * A mocked command runner that fails every command nobody stubbed, as a missing program
     * would, so a test sees an unexpected command as a recorded error rather than a null.
     */
    static io.banwatch.agent.inventory.CommandRunner failingRunner() {
        return org.mockito.Mockito.mock(io.banwatch.agent.inventory.CommandRunner.class,
                invocation -> io.banwatch.agent.inventory.CommandResult.failed("not stubbed"));
    }

    /** A writable copy of a scenario's tree in {@code target}, for tests that break or add files. */
    static Path copy(String scenario, Path target) {
        Path from = scenario(scenario);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
