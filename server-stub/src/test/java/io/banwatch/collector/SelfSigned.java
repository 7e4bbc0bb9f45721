package io.banwatch.collector;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Test certificates, made with the JDK's keytool. */
final class SelfSigned {
    private SelfSigned() {
    }

    /**
     * A self-signed EC certificate for localhost and 127.0.0.1, alias {@code banwatch}, in a PKCS#12
     * store at {@code file}, password changeit: a server's key, and its clients' trust store.
     */
    static Path keystore(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "banwatch", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                file.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return file;
    }
}
