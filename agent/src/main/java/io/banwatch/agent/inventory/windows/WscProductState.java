package io.banwatch.agent.inventory.windows;

/**
 * The {@code productState} bit field Windows Security Center reports for each registered product.
 *
 * <p>Microsoft does not document it; the decoding every public tool uses, which matches the
 * documented {@code WSC_SECURITY_PRODUCT_STATE} enum, is: bits {@code 0xF000} the product state
 * ({@code 0x0000} off, {@code 0x1000} on, {@code 0x2000} snoozed, {@code 0x3000} expired), bits
 * {@code 0x0F00} the owner ({@code 0x100} Microsoft), bits {@code 0x00F0} the signatures
 * ({@code 0x00} up to date, {@code 0x10} out of date). For example 266240 ({@code 0x41000}) is a
 * third-party product, on and up to date; 393472 ({@code 0x60100}) is Defender switched off because
 * another antivirus is active.
 *
 * @param value the raw productState
 */
public record WscProductState(long value) {
    private static final long STATE_BITS = 0xF000;
    private static final long STATE_ON = 0x1000;
    private static final long SIGNATURE_BITS = 0x00F0;
    private static final long SIGNATURES_UP_TO_DATE = 0x00;
    private static final long SIGNATURES_OUT_OF_DATE = 0x10;

    /** On; snoozed and expired count as off, since they do not protect. */
    public boolean enabled() {
        return (value & STATE_BITS) == STATE_ON;
    }

    /** True or false for the two documented signature values, null for any other. */
    public Boolean upToDate() {
        long signatures = value & SIGNATURE_BITS;
        if (signatures == SIGNATURES_UP_TO_DATE) {
            return true;
        }
        return signatures == SIGNATURES_OUT_OF_DATE ? false : null;
    }
}
