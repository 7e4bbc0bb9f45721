package io.banwatch.agent.send;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * The TLS trust the sender uses: the system's CAs or a PEM bundle of the organisation's own, and
 * optionally pins of the collector's public key (SHA-256 of its SubjectPublicKeyInfo, the same
 * value as HPKP's pin-sha256), checked after the normal chain validation.
 */
public final class TlsSetup {
    private TlsSetup() {
    }

    public static SSLContext context(Path caFile, List<String> pins) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(caFile)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca-" + i++, c);
                }
                if (i == 0) {
                    throw new GeneralSecurityException("no certificate in it");
                }
            }
            tmf.init(ks);
        }
        X509TrustManager base = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                base = x;
            }
        }
        if (base == null) {
            throw new GeneralSecurityException("no X.509 trust manager available");
        }
        TrustManager trust = pins.isEmpty() ? base : new Pinned(base, pins);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{trust}, null);
        return ctx;
    }

    /** The pin of a certificate's public key: base64 SHA-256 of its SubjectPublicKeyInfo. */
    public static String pinOf(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(cert.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Pinned implements X509TrustManager {
        private final X509TrustManager base;
        private final List<String> pins;

        Pinned(X509TrustManager base, List<String> pins) {
            this.base = base;
            this.pins = pins;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            base.checkServerTrusted(chain, authType);
            for (X509Certificate c : chain) {
                if (pins.contains(pinOf(c))) {
                    return;
                }
            }
            throw new CertificateException("the collector's certificate matches none of tls.pin-sha256 (its pin is "
                    + pinOf(chain[0]) + ")");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            base.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return base.getAcceptedIssuers();
        }
    }
}
