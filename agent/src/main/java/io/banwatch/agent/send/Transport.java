package io.banwatch.agent.send;

import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.config.ConfigException;
import io.banwatch.agent.spool.Spool;
import io.banwatch.model.Host;
import io.banwatch.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The agent's side of delivery: its spool, its host tokens (enrolling a host that has none when it
 * knows the fleet's secret) and one flush of the spool to the collector.
 */
public final class Transport {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    /** A scheduled run gives a down collector this long before leaving the rest for the next run. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(3);

    private final AgentConfig config;
    private final Clock clock;
    private final String version;
    private final Sleeper sleeper;
    private final Spool spool;
    private final HostTokens tokens;
    private final AgentStatus status;

    public Transport(AgentConfig config, Clock clock, String version, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.version = version;
        this.sleeper = sleeper;
        this.spool = new Spool(config.paths().spoolDir(), config.spoolMaxReports(), config.spoolMaxBytes());
        this.tokens = new HostTokens(config.paths().tokenFile(), config.paths().hostTokensDir());
        this.status = new AgentStatus(config.paths().statusFile());
    }

    public Spool spool() {
        return spool;
    }

    /** This machine's token. */
    public HostToken token() {
        return tokens.own();
    }

    /** Every host's token: this machine's and those of the images whose reports it sent. */
    public HostTokens tokens() {
        return tokens;
    }

    public AgentStatus status() {
        return status;
    }

    public CollectorClient client() {
        return CollectorClient.forConfig(config, clock, version);
    }

    /** Enrolls this host and stores its token. */
    public HostToken.Stored enroll(Host host) {
        CollectorClient client = client();
        if (config.enrollmentSecret() == null) {
            throw new ConfigException(config.notSet("enrollment.secret", "--secret"));
        }
        try {
            String issued = client.enroll(config.enrollmentSecret(), host.id(), host.hostname());
            HostToken.Stored stored = new HostToken.Stored(issued, host.id(), client.base().toString());
            tokens.own().write(stored);
            LOG.info("enrolled host {} with {}", host.id(), client.base());
            return stored;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while enrolling");
        }
    }

    /**
     * Each host's token, enrolling a host that has none under its own id when the secret is known.
     *
     * @param thisMachine this machine's host; asked only when it has no token yet and a report of
     *                    some host must be enrolled (to know where the token belongs)
     */
    public Credentials credentials(Supplier<Host> thisMachine) {
        return new HostCredentials(tokens, client(), config.enrollmentSecret(), thisMachine);
    }

    /**
     * Whether a report of {@code host} can be sent at all: it has a token from this collector, or the
     * enrollment secret is known to get one. A report that cannot must not wait in the spool.
     */
    public boolean canSend(Host host) {
        return config.enrollmentSecret() != null || tokens.find(host.id(), client().base().toString()).isPresent();
    }

    /** Why a report of another host cannot be sent, for {@link #canSend} false. */
    public String cannotSend(Host host) {
        return HostCredentials.notEnrolledImage(host, client().base().toString());
    }

    /** The last inventory the collector acknowledged, kept in the status file. */
    public SpoolFlusher.AcknowledgedInventory acknowledgedInventory() {
        return new SpoolFlusher.AcknowledgedInventory() {
            private String hash = status.read().acknowledgedInventoryHash();

            @Override
            public String hash() {
                return hash;
            }

            @Override
            public void remember(String inventoryHash) {
                if (!inventoryHash.equals(hash)) {
                    hash = inventoryHash;
                    status.acknowledged(inventoryHash);
                }
            }
        };
    }

    /** Sends the spool once, within {@code budget}, each report under its own host's token. */
    public SpoolFlusher.Result flush(Credentials credentials, Duration budget) {
        SpoolFlusher.Result result = new SpoolFlusher(spool, client(), Backoff.NETWORK, new Random(), sleeper, clock,
                budget, acknowledgedInventory()).flush(credentials);
        status.sendEnded(clock.instant(), result.sent(), result.complete() ? null : result.problem());
        return result;
    }
}
