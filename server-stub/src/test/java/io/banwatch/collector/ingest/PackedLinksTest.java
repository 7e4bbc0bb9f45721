package io.banwatch.collector.ingest;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PackedLinksTest {
    @Test
    void roundTripsSortedPairs() {
        long[] pairs = {42, 1, 7, 2, 7, 1, 100_000_000_000L, 3, 0, 1};
        assertThat(PackedLinks.decode(PackedLinks.encode(pairs)))
                .containsExactly(0, 1, 7, 1, 7, 2, 42, 1, 100_000_000_000L, 3);
    }

    @Test
    void eightHundredPackagesTakeAboutTwoKilobytes() {
        Random r = new Random(1);
        long[] pairs = new long[1600];
        long id = 0;
        for (int i = 0; i < 800; i++) {
            id += 1 + r.nextInt(12);
            pairs[2 * i] = id;
            pairs[2 * i + 1] = 1;
        }
        byte[] packed = PackedLinks.encode(pairs);
        assertThat(packed.length).isBetween(1600, 2500);
        assertThat(PackedLinks.decode(packed)).containsExactly(pairs);
    }

    @Test
    void anEmptyInventoryIsOneByte() {
        assertThat(PackedLinks.encode(new long[0])).containsExactly(0);
        assertThat(PackedLinks.decode(new byte[]{0})).isEmpty();
    }
}
