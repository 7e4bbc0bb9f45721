package io.banwatch.collector;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs `banwatch-server serve --config FILE` in-process, for start-up failures: they return at once. */
final class ServeCommand {
    record Run(int exit, String err) {
    }

    private ServeCommand() {
    }

    /** Writes {@code settings} (plus a data directory under {@code dir} and port 0) to a file and serves with it. */
    static Run serve(Path dir, List<String> settings) throws IOException {
        Path file = dir.resolve("collector.properties");
        List<String> lines = new ArrayList<>(settings);
        lines.add("data.dir=" + dir.resolve("data"));
        lines.add("port=0");
        Files.write(file, lines);
        StringWriter err = new StringWriter();
        CommandLine cl = CollectorMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("serve", "--config", file.toString());
        return new Run(exit, err.toString());
    }
}
