package io.banwatch.json;

import java.util.Arrays;

/**
 * Hands out one shared {@code String} per distinct short text a parser reads, so that the
 * thousands of reports of one fleet, which repeat the same package names, versions and
 * publishers, do not each allocate their own copies, and so that the look-ups keyed by those
 * texts downstream (rule relevance, software ids) hash once and compare by identity.
 *
 * <p>Direct-mapped and bounded: a slot holds the last text that hashed to it, so a collision
 * costs an allocation, never a wrong answer. Safe to share between threads without locks:
 * a slot is one reference to an immutable entry.
 */
final class TextPool {
    private static final int MAX_LENGTH = 128;

    /** A pooled text with its characters, compared as an array (a vectorised intrinsic). */
    private record Entry(char[] chars, String text) {
    }

    private final Entry[] slots;
    private final int mask;

    /** A pool of {@code 2^bits} slots; 0 bits makes a pool that keeps nothing. */
    TextPool(int bits) {
        if (bits < 0 || bits > 24) {
            throw new IllegalArgumentException("bits must be 0 to 24, not " + bits);
        }
        this.slots = bits == 0 ? null : new Entry[1 << bits];
        this.mask = (1 << bits) - 1;
    }

    /** The text of {@code chars[offset, offset + length)}, the pooled instance when there is one. */
    String text(char[] chars, int offset, int length) {
        if (slots == null || length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int slot = slotOf(chars, offset, length);
        Entry pooled = slots[slot];
        if (pooled != null && pooled.chars.length == length
                && Arrays.equals(pooled.chars, 0, length, chars, offset, offset + length)) {
            return pooled.text;
        }
        char[] copy = Arrays.copyOfRange(chars, offset, offset + length);
        String fresh = new String(copy);
        slots[slot] = new Entry(copy, fresh);
        return fresh;
    }

    /**
     * A hash of the length and at most the first and last eight characters: cheap, and enough to
     * tell a fleet's package names, versions and paths apart (a collision only costs a copy).
     */
    private int slotOf(char[] chars, int offset, int length) {
        int h = length;
        int end = offset + length;
        for (int i = offset, stop = Math.min(end, offset + 8); i < stop; i++) {
            h = 31 * h + chars[i];
        }
        for (int i = Math.max(offset + 8, end - 8); i < end; i++) {
            h = 31 * h + chars[i];
        }
        h *= 0x9E3779B1;
        return (h ^ (h >>> 15)) & mask;
    }
}
