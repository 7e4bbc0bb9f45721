package io.banwatch.agent.send;

import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.config.ConfigException;
import io.banwatch.agent.spool.Spool;
import io.banwatch.model.Host;
import io.banwatch.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The agent's side of delivery: its spool, its token (enrolling when it has none and knows the
 * fleet's secret) and one flush of the spool to the collector.
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
    private final HostToken token;
    private final AgentStatus status;

    public Transport(AgentConfig config, Clock clock, String version, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.version = version;
        this.sleeper = sleeper;
        this.spool = new Spool(config.paths().spoolDir(), config.spoolMaxReports(), config.spoolMaxBytes());
        this.token = new HostToken(config.paths().tokenFile());
        this.status = new AgentStatus(config.paths().statusFile());
    }

    public Spool spool() {
        return spool;
    }

    public HostToken token() {
        return token;
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
            throw new ConfigException(config.paths().configFile() + ": enrollment.secret is not set (set it there, or"
                    + " pass --secret, or BANWATCH_ENROLLMENT_SECRET)");
        }
        try {
            String issued = client.enroll(config.enrollmentSecret(), host.id(), host.hostname());
            HostToken.Stored stored = new HostToken.Stored(issued, host.id(), client.base().toString());
            token.write(stored);
            LOG.info("enrolled host {} with {}", host.id(), client.base());
            return stored;
        } catch (IOException e) {
            throw new DeliveryException("cannot enroll with " + client.base() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while enrolling");
        }
    }

    /**
     * The token to send with: the stored one when it was issued for this host by this collector,
     * else a new enrollment when the secret is known.
     */
    public String tokenFor(Supplier<Host> host) {
        Optional<HostToken.Stored> stored = token.read();
        String collector = client().base().toString();
        if (stored.isPresent() && stored.get().collector().equals(collector)) {
            return stored.get().token();
        }
        if (config.enrollmentSecret() == null) {
            throw new ConfigException("this agent is not enrolled with " + collector
                    + " (run 'banwatch enroll', or set enrollment.secret so it enrolls itself)");
        }
        return enroll(host.get()).token();
    }

    /** The last inventory the collector acknowledged, kept in the status file. */
    public SpoolFlusher.AcknowledgedInventory acknowledgedInventory() {
        return new SpoolFlusher.AcknowledgedInventory() {
            private String hash = status.read().getProperty("acknowledged-inventory-hash");

            @Override
            public String hash() {
                return hash;
            }

            @Override
            public void remember(String inventoryHash) {
                if (!inventoryHash.equals(hash)) {
                    hash = inventoryHash;
                    status.update("acknowledged-inventory-hash", inventoryHash);
                }
            }
        };
    }

    /** Sends the spool once, within {@code budget}. */
    public SpoolFlusher.Result flush(String hostToken, Duration budget) {
        SpoolFlusher.Result result = new SpoolFlusher(spool, client(), Backoff.NETWORK, new Random(), sleeper, clock,
                budget, acknowledgedInventory()).flush(hostToken);
        if (result.sent() > 0) {
            status.update("last-send-at", clock.instant().toString(), "last-send-count", Integer.toString(result.sent()));
        }
        status.update("last-send-attempt-at", clock.instant().toString(), "last-send-result",
                result.complete() ? "ok" : result.problem());
        return result;
    }
}
