package io.banwatch.collector.ingest;

import io.banwatch.collector.http.ApiError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body with hard limits, before and after decompression, so neither a huge
 * upload nor a small gzip bomb can exhaust the collector's memory.
 */
public final class BoundedBody {
    /**
     * A body as received and as decoded.
     *
     * @param wire    the bytes as sent
     * @param decoded the bytes after decompression (the same array when not compressed)
     * @param gzipped whether {@code wire} is gzip
     */
    public record Body(byte[] wire, byte[] decoded, boolean gzipped) {
    }

    private BoundedBody() {
    }

    /**
     * @param in              the raw body
     * @param contentEncoding the Content-Encoding header, or null
     * @param maxWire         largest body accepted as sent
     * @param maxDecoded      largest body accepted after decompression
     * @return the body as sent and decoded
     * @throws ApiError 413 when a limit is passed, 400 when the gzip stream is corrupt
     */
    public static Body read(InputStream in, String contentEncoding, long maxWire, long maxDecoded) {
        byte[] wire = readAtMost(in, maxWire, "request body is larger than " + maxWire + " bytes", 0);
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            if (wire.length > maxDecoded) {
                throw ApiError.tooLarge("report is larger than " + maxDecoded + " bytes");
            }
            return new Body(wire, wire, false);
        }
        if (!contentEncoding.strip().equalsIgnoreCase("gzip")) {
            throw new ApiError(415, "unsupported_encoding", "Content-Encoding '" + contentEncoding
                    + "' is not supported (use gzip or none)");
        }
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(wire), 8192)) {
            return new Body(wire, readAtMost(gz, maxDecoded, "report is larger than " + maxDecoded
                    + " bytes once decompressed", gzipSize(wire, maxDecoded)), true);
        } catch (ZipException | java.io.EOFException e) {
            throw ApiError.badRequest("bad_gzip", "the gzip body is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The decompressed size a gzip body announces in its last four bytes (ISIZE), when it is
     * within the limit: only a hint for the buffer, since a sender may lie or send several members.
     */
    static int gzipSize(byte[] wire, long maxDecoded) {
        if (wire.length < 18) {
            return 0;
        }
        int end = wire.length;
        long size = (wire[end - 4] & 0xFFL) | (wire[end - 3] & 0xFFL) << 8 | (wire[end - 2] & 0xFFL) << 16
                | (wire[end - 1] & 0xFFL) << 24;
        return size <= Math.min(maxDecoded, Integer.MAX_VALUE - 8) ? (int) size : 0;
    }

    /** Reads {@code in} to its end; with the right {@code expected} size, straight into the array returned. */
    private static byte[] readAtMost(InputStream in, long limit, String tooLarge, int expected) {
        byte[] buf = new byte[expected > 0 ? expected : 16 * 1024];
        int total = 0;
        try {
            while (true) {
                if (total == buf.length) {
                    // Full: either the end (the usual case when the size was announced) or more to come.
                    int next = in.read();
                    if (next == -1) {
                        return buf;
                    }
                    if (total + 1L > limit) {
                        throw ApiError.tooLarge(tooLarge);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(Math.max(buf.length * 2L, 16 * 1024), Math.min(limit, Integer.MAX_VALUE - 9) + 1));
                    buf[total++] = (byte) next;
                    continue;
                }
                int n = in.read(buf, total, buf.length - total);
                if (n == -1) {
                    return total == buf.length ? buf : Arrays.copyOf(buf, total);
                }
                total += n;
                if (total > limit) {
                    throw ApiError.tooLarge(tooLarge);
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw ApiError.badRequest("bad_gzip", "the gzip body is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
