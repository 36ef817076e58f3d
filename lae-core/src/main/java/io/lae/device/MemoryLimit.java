package io.lae.device;

import io.lae.LaeException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A cap on the memory a run may use in all, set by the system property {@code lae.memory.limit} or, if
 * that is absent, the environment variable {@code LAE_MEMORY_LIMIT}: a number of bytes with an optional
 * binary suffix {@code k}, {@code m}, {@code g} or {@code t} (e.g. {@code 512m}, {@code 70g}). It replaces
 * what the device reports, to keep a run within a share of a device or to try the memory check.
 */
public final class MemoryLimit {

    /** The system property. */
    public static final String PROPERTY = "lae.memory.limit";
    /** The environment variable. */
    public static final String VARIABLE = "LAE_MEMORY_LIMIT";

    private MemoryLimit() {
    }

    /**
     * @return the configured limit in bytes, or empty when neither the property nor the variable is set
     * @throws LaeException if the value is not a size
     */
    public static OptionalLong configured() {
        String value = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(parse(value));
    }

    /**
     * @param size e.g. {@code 1073741824}, {@code 512m}, {@code 1.5g}
     * @return the bytes
     * @throws LaeException unless it is a non-negative number with an optional k, m, g or t suffix
     */
    public static long parse(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        int shift = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try {
            double number = Double.parseDouble(shift == 0 ? s : s.substring(0, s.length() - 1));
            if (number >= 0 && Double.isFinite(number)) {
                return (long) (number * (1L << shift));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaeException(PROPERTY + " / " + VARIABLE + " must be a size in bytes such as 512m or 70g, got '"
                + size + "'");
    }
}
