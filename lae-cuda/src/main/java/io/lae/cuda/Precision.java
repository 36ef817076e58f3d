package io.lae.cuda;

/** The floating-point type of a device array and of the kernels that work on it. */
public enum Precision {
    /** IEEE float32 (no TF32). */
    FLOAT32("float32", 4, "float"),
    /** IEEE float64. */
    FLOAT64("float64", 8, "double");

    private final String label;
    private final int bytes;
    private final String cType;

    Precision(String label, int bytes, String cType) {
        this.label = label;
        this.bytes = bytes;
        this.cType = cType;
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /** @return the C type the kernels are compiled for ({@code -Dreal=…}) */
    String cType() {
        return cType;
    }

    /** @return whether this is float64 */
    public boolean isDouble() {
        return this == FLOAT64;
    }

    /**
     * @param label {@code float32} or {@code float64}
     * @return the precision of that name
     */
    public static Precision of(String label) {
        for (Precision p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new CudaException("unknown dtype '" + label + "': use float32 or float64");
    }

    @Override
    public String toString() {
        return label;
    }
}
