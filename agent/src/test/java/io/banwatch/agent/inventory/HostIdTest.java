package io.banwatch.agent.inventory;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HostIdTest {

    @Test
    void hmacMatchesTheJceImplementationForShortBlockSizedAndLongKeys() throws Exception {
        byte[] message = "banwatch-host-id-v1".getBytes(StandardCharsets.US_ASCII);
        for (int length : new int[] {1, 32, 36, 63, 64, 65, 200}) {
            byte[] key = new byte[length];
            for (int i = 0; i < length; i++) {
                key[i] = (byte) (i * 31 + length);
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            assertThat(HostId.hmacSha256(key, message)).as("key length %d", length)
                    .isEqualTo(mac.doFinal(message));
        }
    }

    @Test
    void hostIdIsAStableVersion4UuidIndependentOfCaseAndWhitespace() {
        String id = HostId.derive("4c4c4544-0042-3510-8052-b3c04f4e4e32");
        // Pinned: the value agents 0.1 sent; a change here would split every host in two.
        assertThat(id).isEqualTo("24a604ec-35f1-4412-8a6d-9c0149192129");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(HostId.derive("  4C4C4544-0042-3510-8052-B3C04F4E4E32\n")).isEqualTo(id);
        assertThat(HostId.derive("0f0e0d0c0b0a09080706050403020100")).isNotEqualTo(id);
        assertThat(id).doesNotContain("4c4c4544");
    }

    @Test
    void blankOrUninitialisedMachineIdsGiveNoHostId() {
        assertThat(HostId.derive(null)).isNull();
        assertThat(HostId.derive("  ")).isNull();
        assertThat(HostId.derive("uninitialized\n")).isNull();
    }
}
