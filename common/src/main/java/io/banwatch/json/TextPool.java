package io.banwatch.json;

/**
 * Hands out one shared {@code String} per distinct short text a parser reads, so that the
 * thousands of reports of one fleet, which repeat the same package names, versions and
 * publishers, do not each allocate their own copies, and so that the look-ups keyed by those
 * texts downstream (rule relevance, software ids) hash once and compare by identity.
 *
 * <p>Direct-mapped and bounded: a slot holds the last text that hashed to it, so a collision
 * costs an allocation, never a wrong answer. Safe to share between threads without locks:
 * a slot is one reference, and a {@code String} is immutable.
 */
final class TextPool {
    private static final int MAX_LENGTH = 128;

    private final String[] slots;
    private final int mask;

    /** A pool of {@code 2^bits} slots; 0 bits makes a pool that keeps nothing. */
    TextPool(int bits) {
        if (bits < 0 || bits > 24) {
            throw new IllegalArgumentException("bits must be 0 to 24, not " + bits);
        }
        this.slots = bits == 0 ? null : new String[1 << bits];
        this.mask = (1 << bits) - 1;
    }

    /** The text of {@code chars[offset, offset + length)}, the pooled instance when there is one. */
    String text(char[] chars, int offset, int length) {
        if (slots == null || length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String pooled = slots[slot];
        if (pooled != null && pooled.length() == length && sameChars(pooled, chars, offset)) {
            return pooled;
        }
        String fresh = new String(chars, offset, length);
        slots[slot] = fresh;
        return fresh;
    }

    private static boolean sameChars(String s, char[] chars, int offset) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
