package io.banwatch.agent.send;

import io.banwatch.model.Host;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stored token of each host, enrolling a host that has none under its own host id when the
 * fleet's enrollment secret is known. This machine's token goes to {@code host-token}, any other
 * host's (an image) to {@code host-tokens/}.
 */
final class HostCredentials implements Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(HostCredentials.class);

    private final HostTokens tokens;
    private final CollectorClient client;
    private final String secret;
    private final Supplier<Host> thisMachine;
    private final Map<String, String> issued = new HashMap<>();

    /**
     * @param secret      the enrollment secret, or null
     * @param thisMachine this machine's host, asked only when it has no token yet and another must be stored
     */
    HostCredentials(HostTokens tokens, CollectorClient client, String secret, Supplier<Host> thisMachine) {
        this.tokens = tokens;
        this.client = client;
        this.secret = secret;
        this.thisMachine = thisMachine;
    }

    @Override
    public String tokenFor(Host host) {
        String known = issued.get(host.id());
        if (known != null) {
            return known;
        }
        String collector = client.base().toString();
        String token = tokens.find(host.id(), collector).map(HostToken.Stored::token).orElse(null);
        if (token == null) {
            token = enroll(host, collector);
        }
        issued.put(host.id(), token);
        return token;
    }

    private String enroll(Host host, String collector) {
        // Whether it is this machine's: its stored token says; without one, only this machine's own id does.
        java.util.Optional<Boolean> stored = tokens.isOwn(host.id());
        if (secret == null) {
            throw new DeliveryException(stored.isPresent() && !stored.get() ? notEnrolledImage(host, collector)
                    : "this agent is not enrolled with " + collector
                    + " (run 'banwatch enroll', or set enrollment.secret so it enrolls itself)");
        }
        boolean own = stored.orElseGet(() -> thisMachine.get().id().equals(host.id()));
        String token;
        try {
            token = client.enroll(secret, host.id(), host.hostname());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while enrolling");
        }
        HostToken file = own ? tokens.own() : tokens.other(host.id());
        file.write(new HostToken.Stored(token, host.id(), collector));
        LOG.info("enrolled host {} ({}) with {}{}", host.id(), host.hostname(), collector, own ? "" : ", as another host");
        return token;
    }

    @Override
    public String whenRefused(Host host) {
        if (tokens.isOwn(host.id()).orElse(true)) {
            return "re-enroll with 'banwatch enroll'";
        }
        return "remove " + tokens.other(host.id()).file() + " to enroll that host again on the next send";
    }

    static String notEnrolledImage(Host host, String collector) {
        return "host " + host.hostname() + " (" + host.id() + ") is not this machine and is not enrolled with " + collector
                + ", and there is no enrollment secret to enroll it under its own id (set enrollment.secret, or scan"
                + " images with a state directory of their own: BANWATCH_STATE_DIR=DIR)";
    }
}
