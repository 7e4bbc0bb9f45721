package io.banwatch.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `banwatch-server serve` on a database it cannot reach: one line naming the URL (never a
 * password) and the driver's reason, exit 2, within the connect timeout. Needs no server.
 */
class UnreachableDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachablePostgresIsOneLineWithThePasswordRedacted() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Nothing listens on the port any more; the password is given both ways.
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/banwatch?password=url-secret-1";
        long started = System.nanoTime();
        ServeCommand.Run run = ServeCommand.serve(dir, List.of("database.url=" + url, "database.user=banwatch",
                "database.password=file-secret-2", "database.connect-timeout-seconds=1"));

        assertThat(run.exit()).isEqualTo(2);
        String prefix = "banwatch-server: cannot connect to jdbc:postgresql://127.0.0.1:" + port + "/banwatch?password=***: ";
        assertThat(run.err().lines()).singleElement().satisfies(line -> {
            assertThat(line).startsWith(prefix);
            // Then the driver's own reason: "Connection to 127.0.0.1:PORT refused. ..." (in its locale's words).
            assertThat(line.substring(prefix.length())).contains("127.0.0.1:" + port);
        });
        assertThat(run.err()).doesNotContain("url-secret-1").doesNotContain("file-secret-2");
        // The pool retries until the connect timeout (1 s here) runs out, and no longer.
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }

    @Test
    void anUnusableSqliteLocationIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        ServeCommand.Run run = ServeCommand.serve(dir, List.of("database.url=jdbc:sqlite:" + file.resolve("banwatch.db")));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("banwatch-server: cannot create the data directory " + file));
    }

    @Test
    void anUnknownKindOfDatabaseIsOneLine() throws Exception {
        ServeCommand.Run run = ServeCommand.serve(dir, List.of("database.url=jdbc:mysql://db/banwatch?password=s3cret"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("banwatch-server: unsupported database URL"
                + " 'jdbc:mysql://db/banwatch?password=***' (expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)");
    }
}
