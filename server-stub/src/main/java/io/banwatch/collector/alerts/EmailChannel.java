package io.banwatch.collector.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.config.ServerConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Date;
import java.util.Properties;

/**
 * Sends alerts as plain-text mail over SMTP (Angus Mail): the payload's {@code subject} and
 * {@code text}, from the configured sender to the recipients. STARTTLS is required unless turned
 * off, so a server (or a man in the middle) that does not offer it gets nothing in clear text;
 * the server's certificate is checked against its name. The alert's key is in the
 * {@code Message-ID}, for mail systems that drop a repeat.
 */
public final class EmailChannel implements AlertChannel {
    public static final String NAME = "email";
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int IO_TIMEOUT_MS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig.Email settings;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final String password;

    /** @throws IllegalArgumentException when an address, the password file or the trust store cannot be used */
    public EmailChannel(ServerConfig.Email settings) {
        this.settings = settings;
        try {
            this.from = new InternetAddress(settings.from(), true);
            this.to = InternetAddress.parse(String.join(",", settings.to()), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("alerts.email: not an address: " + e.getRef());
        }
        this.password = settings.passwordFile() == null ? null : firstLine(settings);
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        p.put("mail.smtp.timeout", Integer.toString(IO_TIMEOUT_MS));
        p.put("mail.smtp.writetimeout", Integer.toString(IO_TIMEOUT_MS));
        p.put("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.auth", Boolean.toString(settings.user() != null));
        p.put("mail.smtp.from", settings.from());
        if (settings.trustStore() != null) {
            p.put("mail.smtp.ssl.socketFactory", trusting(settings).getSocketFactory());
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "smtp " + settings.host() + ":" + settings.port();
    }

    @Override
    public long sendBudgetMs() {
        return CONNECT_TIMEOUT_MS + IO_TIMEOUT_MS + 5_000;
    }

    @Override
    public String send(String alertKey, String payload) {
        JsonNode alert;
        try {
            alert = JSON.readTree(payload);
        } catch (IOException e) {
            return "unreadable alert payload: " + describe(e);
        }
        try {
            MimeMessage message = new KeyedMessage(session, alertKey);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to);
            // A hostname comes from the agent: no line break of it may start a header of its own.
            message.setSubject(alert.path("subject").asText(alert.path("event").asText()).replaceAll("\\p{Cntrl}", " "),
                    "UTF-8");
            message.setText(alert.path("text").asText() + "\n", "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("X-Banwatch-Alert-Key", alertKey);
            message.saveChanges();
            if (settings.user() == null) {
                Transport.send(message);
            } else {
                Transport.send(message, settings.user(), password);
            }
            return null;
        } catch (MessagingException e) {
            return describe(e);
        }
    }

    /** The innermost message, on one line: "STARTTLS is required but host does not support STARTTLS", "Connection refused". */
    static String describe(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message.replaceAll("\\s+", " ").strip();
    }

    private static String firstLine(ServerConfig.Email settings) {
        try {
            return Files.readAllLines(settings.passwordFile()).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("alerts.email.password-file: cannot read " + settings.passwordFile(), e);
        }
    }

    private static SSLContext trusting(ServerConfig.Email settings) {
        try (InputStream in = Files.newInputStream(settings.trustStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            String pw = settings.trustStorePassword();
            store.load(in, pw == null ? null : pw.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("alerts.email.trust-store: cannot load " + settings.trustStore() + ": "
                    + describe(e));
        }
    }

    /** A message whose Message-ID names its alert, instead of the random one the mail API would make. */
    private static final class KeyedMessage extends MimeMessage {
        private final String alertKey;

        KeyedMessage(Session session, String alertKey) {
            super(session);
            this.alertKey = alertKey;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + alertKey.replaceAll("[^A-Za-z0-9._-]", ".") + "@banwatch>");
        }
    }
}
