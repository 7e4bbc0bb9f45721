package io.banwatch.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Each pack in force is named with the SHA-256 of the exact bytes it was loaded from. */
class PackInfoTest {
    @Test
    void theBuiltInPacksCarryTheHashOfTheirSeedFiles() throws Exception {
        var info = RuleSet.builtIn().packInfo();
        assertThat(info).extracting(PackInfo::id).containsExactly("kaspersky-us", "security-products");
        assertThat(info.get(0).origin()).isEqualTo("seeds/kaspersky-us.json");
        assertThat(info.get(0).sha256()).isEqualTo(sha256(resource("kaspersky-us.json")));
        assertThat(info.get(1).sha256()).isEqualTo(sha256(resource("security-products.json")));
        assertThat(info.get(0).version()).isNotBlank();
    }

    @Test
    void aUserPackIsListedWithItsFileAndHashAndAByteMoreChangesIt(@TempDir Path dir) throws Exception {
        byte[] builtIn = resource("kaspersky-us.json");
        Path same = Files.write(dir.resolve("same.json"), builtIn);
        Path spaced = Files.write(dir.resolve("spaced.json"), (new String(builtIn) + "\n").getBytes());
        PackInfo a = RuleSet.builtIn().withPackFile(same).packInfo().get(0);
        PackInfo b = RuleSet.builtIn().withPackFile(spaced).packInfo().get(0);
        assertThat(a.origin()).isEqualTo(same.toString());
        assertThat(a.sha256()).isEqualTo(sha256(builtIn));
        assertThat(b.sha256()).isNotEqualTo(a.sha256()).isEqualTo(sha256(Files.readAllBytes(spaced)));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PackInfoTest.class.getClassLoader().getResourceAsStream("banwatch/seeds/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
