package io.banwatch.agent.send;

import io.banwatch.model.Host;

/** The token to send a host's reports with: each report goes under the identity of the host it describes. */
public interface Credentials {
    /** The token for {@code host}'s reports; a {@link DeliveryException} (one line) when none can be had. */
    String tokenFor(Host host);

    /** What to do when the collector refuses {@code host}'s token (401), for the message. */
    String whenRefused(Host host);

    /** One token for every report (tests, and an agent that sends only its own). */
    static Credentials fixed(String token) {
        return new Credentials() {
            @Override
            public String tokenFor(Host host) {
                return token;
            }

            @Override
            public String whenRefused(Host host) {
                return "re-enroll with 'banwatch enroll'";
            }
        };
    }
}
