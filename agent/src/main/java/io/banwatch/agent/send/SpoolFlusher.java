package io.banwatch.agent.send;

import io.banwatch.agent.spool.Spool;
import io.banwatch.agent.spool.SpooledReport;
import io.banwatch.model.Host;
import io.banwatch.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Sends the spool, oldest report first, deleting each only once the collector acknowledged it.
 * A busy or unreachable collector is retried with exponential backoff and full jitter, honouring
 * Retry-After, within a time budget; what is not sent by then stays for the next run. Each report
 * goes under its own host's token, and one refused report never blocks the others: a refused token
 * (401) keeps that host's reports only; a report the collector refuses as it is (400, 403, 409, 422)
 * is quarantined, never retried forever.
 */
public final class SpoolFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolFlusher.class);

    private final Spool spool;
    private final CollectorClient client;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration budget;
    private final AcknowledgedInventory acknowledged;

    /**
     * Where the agent remembers the last inventory the collector acknowledged: an unchanged
     * inventory is then sent as a slim report naming it, a kilobyte instead of a hundred.
     */
    public interface AcknowledgedInventory {
        String hash();

        void remember(String inventoryHash);

        /** Nothing remembered: every report is sent in full. */
        AcknowledgedInventory NONE = new AcknowledgedInventory() {
            @Override
            public String hash() {
                return null;
            }

            @Override
            public void remember(String inventoryHash) {
            }
        };
    }

    public SpoolFlusher(Spool spool, CollectorClient client, Backoff backoff, RandomGenerator random, Sleeper sleeper,
                        Clock clock, Duration budget) {
        this(spool, client, backoff, random, sleeper, clock, budget, AcknowledgedInventory.NONE);
    }

    public SpoolFlusher(Spool spool, CollectorClient client, Backoff backoff, RandomGenerator random, Sleeper sleeper,
                        Clock clock, Duration budget, AcknowledgedInventory acknowledged) {
        this.acknowledged = acknowledged;
        this.spool = spool;
        this.client = client;
        this.backoff = backoff;
        this.random = random;
        this.sleeper = sleeper;
        this.clock = clock;
        this.budget = budget;
    }

    /**
     * A host whose reports were left in the spool: the collector refused its token (401), or no
     * token could be had (not enrolled and no enrollment secret, or the enrollment failed).
     *
     * @param reason  one line, what happened and what to do
     * @param refused the collector refused the token
     */
    public record HostStop(String hostId, String hostname, String reason, boolean refused) {
    }

    /**
     * The result of one run.
     *
     * @param sent        reports acknowledged
     * @param quarantined reports moved aside as undeliverable (each named in a warning)
     * @param remaining   reports still waiting
     * @param problem     why reports were left, or null when none was
     * @param stopped     the hosts whose reports were left while the others went on
     */
    public record Result(int sent, int quarantined, int remaining, String problem, List<HostStop> stopped) {
        public Result {
            stopped = List.copyOf(stopped);
        }

        public boolean complete() {
            return remaining == 0;
        }

        /** The collector refused some host's token. */
        public boolean refused() {
            return stopped.stream().anyMatch(HostStop::refused);
        }

        /** Why this host's reports were left, if they were. */
        public Optional<HostStop> stoppedFor(String hostId) {
            return stopped.stream().filter(s -> s.hostId().equals(hostId)).findFirst();
        }
    }

    /** Sends every report with one token (an agent that only ever sends its own). */
    public Result flush(String token) {
        return flush(Credentials.fixed(token));
    }

    /**
     * Sends every report under its own host's token. A host whose token is refused (401) or cannot
     * be had keeps its reports and the others go on; a report the collector refuses as it is (400,
     * 403, 409, 422) is quarantined and the others go on; a collector that stays down past the budget
     * stops the run.
     */
    public Result flush(Credentials credentials) {
        long deadline = clock.millis() + budget.toMillis();
        int sent = 0;
        int quarantined = 0;
        int kept = 0;
        Map<String, HostStop> stopped = new LinkedHashMap<>();
        List<SpooledReport> pending = spool.pending();
        for (int i = 0; i < pending.size(); i++) {
            SpooledReport r = pending.get(i);
            Spool.Loaded loaded = spool.load(r);
            if (loaded == null) {
                quarantined++;
                continue;
            }
            Host host = loaded.report().host();
            if (stopped.containsKey(host.id())) {
                kept++;
                continue;
            }
            String token;
            try {
                token = credentials.tokenFor(host);
            } catch (DeliveryException e) {
                LOG.warn("reports of host {} ({}) kept in the spool: {}", host.hostname(), host.id(), e.getMessage());
                stopped.put(host.id(), new HostStop(host.id(), host.hostname(), e.getMessage(), false));
                kept++;
                continue;
            }
            String hash = loaded.report().inventoryHash();
            boolean slim = hash.equals(acknowledged.hash());
            byte[] body = slim ? spool.encode(loaded.report().withoutInventory()) : loaded.gzip();
            int failures = 0;
            while (true) {
                SendOutcome outcome = client.postReport(body, token);
                if (outcome instanceof SendOutcome.Acknowledged) {
                    spool.acknowledge(r);
                    acknowledged.remember(hash);
                    sent++;
                    break;
                }
                if (slim && outcome instanceof SendOutcome.Invalid invalid && invalid.status() == 409
                        && "inventory_unknown".equals(invalid.error())) {
                    // The collector lost (or never kept) that inventory: send it whole, at once.
                    slim = false;
                    body = loaded.gzip();
                    continue;
                }
                if (outcome instanceof SendOutcome.Invalid invalid) {
                    spool.quarantine(r.file(), "the collector refused report " + r.reportId() + " of host "
                            + host.hostname() + " (" + host.id() + "): " + invalid.reason());
                    quarantined++;
                    break;
                }
                if (outcome instanceof SendOutcome.Misdirected misdirected) {
                    LOG.warn("every report kept in the spool: {}", misdirected.reason());
                    return result(sent, quarantined, kept + pending.size() - i, stopped, misdirected.reason());
                }
                if (outcome instanceof SendOutcome.Refused refused) {
                    String reason = refused.reason() + " (" + credentials.whenRefused(host) + ")";
                    LOG.warn("reports of host {} ({}) kept in the spool: {}", host.hostname(), host.id(), reason);
                    stopped.put(host.id(), new HostStop(host.id(), host.hostname(), reason, true));
                    kept++;
                    break;
                }
                SendOutcome.Retry retry = (SendOutcome.Retry) outcome;
                failures++;
                long wait = retry.retryAfterMillis() >= 0
                        ? Math.min(retry.retryAfterMillis(), backoff.capMillis())
                        : backoff.delayMillis(failures, random);
                if (clock.millis() + wait > deadline) {
                    return result(sent, quarantined, kept + pending.size() - i, stopped, retry.reason());
                }
                LOG.info("report {} not sent ({}); retrying in {} ms", r.reportId(), retry.reason(), wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result(sent, quarantined, kept + pending.size() - i, stopped, "interrupted");
                }
            }
        }
        return result(sent, quarantined, kept, stopped, null);
    }

    /** The problem names each stopped host when there is more than one thing to say. */
    private static Result result(int sent, int quarantined, int remaining, Map<String, HostStop> stopped,
                                 String runProblem) {
        List<String> problems = new ArrayList<>();
        boolean several = stopped.size() + (runProblem == null ? 0 : 1) > 1;
        for (HostStop s : stopped.values()) {
            problems.add(several ? "host " + s.hostname() + ": " + s.reason() : s.reason());
        }
        if (runProblem != null) {
            problems.add(runProblem);
        }
        return new Result(sent, quarantined, remaining, problems.isEmpty() ? null : String.join("; ", problems),
                List.copyOf(stopped.values()));
    }
}
