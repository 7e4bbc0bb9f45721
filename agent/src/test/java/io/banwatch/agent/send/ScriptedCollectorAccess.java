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

    /** The host ids enrolled so far, in order. */
    public List<String> enrolledHosts() {
        return collector.enrolledHosts;
    }

    /** From now on a report's token must be one issued for the report's host (else 401 or 403), as the real one. */
    public void checkTokens() {
        collector.checkTokens();
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
