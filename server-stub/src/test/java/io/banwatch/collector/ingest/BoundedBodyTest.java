package io.banwatch.collector.ingest;

import io.banwatch.collector.http.ApiError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BoundedBodyTest {
    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] report(int size) {
        byte[] data = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + random.nextInt(26));
        }
        return data;
    }

    private static BoundedBody.Body read(byte[] wire, String encoding, long maxWire, long maxDecoded) {
        return BoundedBody.read(new ByteArrayInputStream(wire), encoding, maxWire, maxDecoded);
    }

    private static ApiError refused(byte[] wire, String encoding, long maxWire, long maxDecoded) {
        return catchThrowableOfType(ApiError.class, () -> read(wire, encoding, maxWire, maxDecoded));
    }

    @Test
    void decodesGzipOfEverySizeAroundItsBuffers() throws IOException {
        for (int size : new int[]{0, 1, 17, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 140_000, 300_001}) {
            byte[] data = report(size);
            byte[] wire = gzip(data);
            BoundedBody.Body body = read(wire, "gzip", 10_000_000, 10_000_000);
            assertThat(body.decoded()).as("size %d", size).isEqualTo(data);
            assertThat(body.wire()).isEqualTo(wire);
            assertThat(body.gzipped()).isTrue();
            assertThat(BoundedBody.gzipSize(wire, 10_000_000)).isEqualTo(wire.length < 18 ? 0 : size);
        }
    }

    @Test
    void aGzipSizeThatLiesIsOnlyAHint() throws IOException {
        byte[] data = report(50_000);
        for (int claimed : new int[]{1, 49_999, 50_001, 4_000_000}) {
            byte[] wire = gzip(data);
            int end = wire.length;
            wire[end - 4] = (byte) claimed;
            wire[end - 3] = (byte) (claimed >>> 8);
            wire[end - 2] = (byte) (claimed >>> 16);
            wire[end - 1] = (byte) (claimed >>> 24);
            // GZIPInputStream checks ISIZE at the end: a lie is a corrupt body, refused as such.
            ApiError e = refused(wire, "gzip", 10_000_000, 10_000_000);
            assertThat(e.status()).as("claimed %d", claimed).isEqualTo(400);
            assertThat(e.code()).isEqualTo("bad_gzip");
        }
    }

    @Test
    void readsSeveralGzipMembersWhole() throws IOException {
        byte[] first = report(30_000);
        byte[] second = report(20_000);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(gzip(first));
        wire.write(gzip(second));
        byte[] both = Arrays.copyOf(first, 50_000);
        System.arraycopy(second, 0, both, 30_000, 20_000);
        assertThat(read(wire.toByteArray(), "gzip", 10_000_000, 10_000_000).decoded()).isEqualTo(both);
    }

    @Test
    void theDecodedLimitIsExact() throws IOException {
        byte[] data = report(100_000);
        assertThat(read(gzip(data), "gzip", 10_000_000, 100_000).decoded()).isEqualTo(data);
        ApiError e = refused(gzip(data), "gzip", 10_000_000, 99_999);
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.getMessage()).isEqualTo("report is larger than 99999 bytes once decompressed");
    }

    @Test
    void aSmallGzipBombIsRefusedBeforeItIsInflated() throws IOException {
        byte[] bomb = gzip(new byte[50_000_000]);
        assertThat(bomb.length).isLessThan(100_000);
        assertThat(refused(bomb, "gzip", 1_000_000, 8_000_000).status()).isEqualTo(413);
    }

    @Test
    void plainBodiesAndTheWireLimit() {
        byte[] data = "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);
        BoundedBody.Body body = read(data, null, 100, 100);
        assertThat(body.decoded()).isEqualTo(data);
        assertThat(body.gzipped()).isFalse();
        assertThat(read(report(40_000), "identity", 40_000, 40_000).decoded()).hasSize(40_000);
        ApiError e = refused(report(40_001), null, 40_000, 1_000_000);
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.getMessage()).isEqualTo("request body is larger than 40000 bytes");
        assertThat(refused(report(40_000), "", 1_000_000, 39_999).getMessage()).isEqualTo("report is larger than 39999 bytes");
    }

    @Test
    void corruptGzipAndUnknownEncodingsAreTheSendersMistake() {
        ApiError corrupt = refused("not gzip at all, not even close".getBytes(StandardCharsets.UTF_8), "gzip", 1000, 1000);
        assertThat(corrupt.status()).isEqualTo(400);
        assertThat(corrupt.code()).isEqualTo("bad_gzip");
        ApiError br = refused(new byte[]{1, 2, 3}, "br", 1000, 1000);
        assertThat(br.status()).isEqualTo(415);
        assertThat(br.getMessage()).isEqualTo("Content-Encoding 'br' is not supported (use gzip or none)");
    }
}
