package io.banwatch.collector.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a PEM certificate chain and a PKCS#8 PEM private key into an in-memory key store. */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private Pem() {
    }

    /** Errors name the setting and the file: "tls.key /etc/banwatch/key.pem: no PKCS#8 ... block". */
    public static KeyStore keyStore(Path certChain, Path privateKey, char[] password) throws IOException, GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (byte[] der : blocks(certChain, "CERTIFICATE", "tls.cert")) {
            try {
                chain.add(cf.generateCertificate(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException e) {
                throw new GeneralSecurityException("tls.cert " + certChain + ": not a valid certificate: " + e.getMessage(), e);
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("tls.cert " + certChain + ": no CERTIFICATE block");
        }
        List<byte[]> keys = blocks(privateKey, "PRIVATE KEY", "tls.key");
        if (keys.isEmpty()) {
            throw new GeneralSecurityException("tls.key " + privateKey + ": no PKCS#8 'PRIVATE KEY' block (convert with"
                    + " 'openssl pkcs8 -topk8 -nocrypt')");
        }
        PrivateKey key = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
                break;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new GeneralSecurityException("tls.key " + privateKey + ": unsupported or corrupt key (RSA, EC or"
                    + " Ed25519 expected)");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("banwatch", key, password, chain.toArray(new Certificate[0]));
        return ks;
    }

    private static List<byte[]> blocks(Path file, String type, String setting) throws IOException, GeneralSecurityException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new GeneralSecurityException(setting + " " + file + ": not a PEM file (it is not text)", e);
        }
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    out.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new GeneralSecurityException(setting + " " + file + ": corrupt " + type + " block", e);
                }
            }
        }
        return out;
    }
}
