package trin.hw.linux.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** A 48-bit MAC address, as sysfs writes it ({@code b8:27:eb:12:34:56}). */
record MacAddress(long value) {

    private static final Pattern FORMAT = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");

    /** @return the address, or empty when the text is not six colon-separated hex octets */
    static Optional<MacAddress> parse(String text) {
        String trimmed = text.trim();
        if (!FORMAT.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        return Optional.of(new MacAddress(Long.parseLong(trimmed.replace(":", ""), 16)));
    }

    boolean isZero() {
        return value == 0;
    }

    /** Bit 0x02 of the first octet: set by software (VMs, containers, randomised), not by the maker. */
    boolean isLocallyAdministered() {
        return (value & (0x02L << 40)) != 0;
    }

    /** The UID the Python client sent for this address: {@code str(uuid.getnode())}. */
    String uid() {
        return Long.toString(value);
    }
}
