package io.banwatch.collector.ingest;

import io.banwatch.collector.http.ApiError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        byte[] wire = readAtMost(in, maxWire, "request body is larger than " + maxWire + " bytes");
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
                    + " bytes once decompressed"), true);
        } catch (ZipException | java.io.EOFException e) {
            throw ApiError.badRequest("bad_gzip", "the gzip body is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAtMost(InputStream in, long limit, String tooLarge) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > limit) {
                    throw ApiError.tooLarge(tooLarge);
                }
                out.write(buf, 0, n);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw ApiError.badRequest("bad_gzip", "the gzip body is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
