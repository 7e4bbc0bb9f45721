package io.banwatch.collector.ingest;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A host's links to the software catalogue, packed into one value: (software id, scope id) pairs
 * sorted, software ids delta-encoded, all as unsigned varints. 800 packages take about 2 KB, so
 * storing a host's whole inventory is one row write instead of 800 index insertions.
 */
public final class PackedLinks {
    private PackedLinks() {
    }

    /** @param pairs software id and scope id, interleaved; sorted here */
    public static byte[] encode(long[] pairs) {
        int n = pairs.length / 2;
        Long2[] sorted = new Long2[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = new Long2(pairs[2 * i], pairs[2 * i + 1]);
        }
        Arrays.sort(sorted);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 3 + 4);
        varint(out, n);
        long previous = 0;
        for (Long2 p : sorted) {
            varint(out, p.a() - previous);
            varint(out, p.b());
            previous = p.a();
        }
        return out.toByteArray();
    }

    /** The pairs, interleaved, in (software id, scope id) order. */
    public static long[] decode(byte[] packed) {
        int[] pos = {0};
        int n = (int) readVarint(packed, pos);
        long[] out = new long[2 * n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous += readVarint(packed, pos);
            out[2 * i] = previous;
            out[2 * i + 1] = readVarint(packed, pos);
        }
        return out;
    }

    private record Long2(long a, long b) implements Comparable<Long2> {
        @Override
        public int compareTo(Long2 o) {
            int c = Long.compare(a, o.a);
            return c != 0 ? c : Long.compare(b, o.b);
        }
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] in, int[] pos) {
        long result = 0;
        int shift = 0;
        while (true) {
            byte b = in[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }
}
