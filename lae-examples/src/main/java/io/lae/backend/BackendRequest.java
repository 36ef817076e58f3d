package io.lae.backend;


/**
 * The {@code --backend} choice: which engine runs the training steps.
 *
 * <p>ND4J picks its own backend once, as it loads: {@link Nd4jBackendChoice} hides its CUDA backend from it
 * before then when the request runs ND4J on the CPU, and {@link BackendCheck} checks the outcome. lae's own CUDA engine (lae-cuda) is chosen per run ({@link Engines}).
 */
public enum BackendRequest {
    /** lae's CUDA engine when a GPU is usable and it runs the run, else ND4J (CUDA when built and usable, else the CPU). */
    AUTO("auto"),
    /** ND4J on the CPU; no GPU is tried. */
    CPU("cpu"),
    /** lae's CUDA 12/13 engine for the steps (ND4J on the CPU for the rest), or an error. */
    CUDA("cuda"),
    /** ND4J's own CUDA 11.6 backend (built with -Pnd4j-cuda; sm_70 … sm_89 only), or an error. */
    ND4J_CUDA("nd4j-cuda");

    private final String label;

    BackendRequest(String label) {
        this.label = label;
    }

    /**
     * @param label a name on the command line, in any case
     * @return the request
     * @throws io.lae.LaeException for any other name
     */
    public static BackendRequest parse(String label) {
        for (BackendRequest r : values()) {
            if (r.label.equalsIgnoreCase(label)) {
                return r;
            }
        }
        throw new io.lae.LaeException("unknown --backend '" + label + "': use auto, cpu, cuda or nd4j-cuda");
    }

    /** @return the name on the command line: {@code auto}, {@code cpu}, {@code cuda} or {@code nd4j-cuda} */
    @Override
    public String toString() {
        return label;
    }
}
