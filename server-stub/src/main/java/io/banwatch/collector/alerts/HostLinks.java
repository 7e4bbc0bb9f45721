package io.banwatch.collector.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links from an alert to the dashboard, made from {@code collector.public-url}: the address people
 * reach the dashboard at, which the collector cannot know (it may listen on loopback behind a proxy).
 * Without that setting an alert says so instead of printing a link that would not open.
 *
 * @param publicUrl e.g. {@code https://banwatch.example.org}, or null
 */
public record HostLinks(String publicUrl) {
    /** What an alert says in place of a link when no public URL is set. */
    public static final String NO_LINK = "no dashboard link: set collector.public-url";

    public HostLinks {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
    }

    /** The host's dashboard page, or null without a public URL. */
    public String host(String hostId) {
        return publicUrl == null ? null
                : publicUrl + "/hosts/" + URLEncoder.encode(hostId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The dashboard's summary page, or null without a public URL. */
    public String dashboard() {
        return publicUrl == null ? null : publicUrl + "/";
    }

    /** {@code link}, or {@link #NO_LINK}, for an alert's text. */
    static String orNote(String link) {
        return link == null ? NO_LINK : link;
    }
}
