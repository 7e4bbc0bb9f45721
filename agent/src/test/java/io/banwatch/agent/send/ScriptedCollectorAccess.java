package io.banwatch.agent.send;

import java.net.URI;
import java.util.List;

/** Opens the package-private scripted collector to tests in other packages. */
public final class ScriptedCollectorAccess implements AutoCloseable {
    private final ScriptedCollector collector = new ScriptedCollector();

    public URI url() {
        return collector.url();
    }

    public List<String> received() {
        return collector.receivedReports;
    }

    public List<String> authorizations() {
        return collector.authorizations;
    }

    /** The next {@code times} report posts get {@code status}; 0 clears the script. */
    public void failNext(int times, int status) {
        collector.clear();
        for (int i = 0; i < times; i++) {
            collector.then(ScriptedCollector.Answer.of(status));
        }
    }

    @Override
    public void close() {
        collector.close();
    }
}
