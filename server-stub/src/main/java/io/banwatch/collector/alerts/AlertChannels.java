package io.banwatch.collector.alerts;

import io.banwatch.collector.config.ServerConfig;

import java.util.ArrayList;
import java.util.List;

/** The channels a collector's settings name: the webhook ({@code alerts.webhook-url}), e-mail ({@code alerts.email.host}). */
public final class AlertChannels {
    private AlertChannels() {
    }

    /** @return in delivery order; empty when alerts go nowhere */
    public static List<AlertChannel> of(ServerConfig config) {
        List<AlertChannel> out = new ArrayList<>();
        if (config.webhookUrl() != null && !config.webhookUrl().isBlank()) {
            out.add(new WebhookChannel(WebhookChannel.httpClient(), config.webhookUrl(), config.webhookFormat(),
                    config.webhookTimeout()));
        }
        if (config.alerting().email() != null) {
            out.add(new EmailChannel(config.alerting().email()));
        }
        return out;
    }
}
