package io.banwatch.packaging;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/**
 * Run on the bundled runtime by RuntimeIT: checks that the HTTPS sender will find what it needs
 * (java.net.http, TLS 1.3, ECDHE via jdk.crypto.ec). Prints one line per check, exits 1 on a miss.
 */
public final class TlsProbe {
    private TlsProbe() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().build();
        System.out.println("httpclient " + client.version());
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, null, null);
        String[] protocols = tls.getSupportedSSLParameters().getProtocols();
        System.out.println("protocols " + String.join(",", protocols));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        System.out.println("ec " + ec.generateKeyPair().getPublic().getAlgorithm());
        boolean ecdhe = Arrays.stream(tls.getDefaultSSLParameters().getCipherSuites()).anyMatch(s -> s.contains("ECDHE"));
        System.out.println("ecdhe " + ecdhe);
        System.exit(Arrays.asList(protocols).contains("TLSv1.3") && ecdhe ? 0 : 1);
    }
}
