package io.lae.backend;

import java.util.Locale;

/**
 * The {@code --backend} choice. ND4J picks its backend once, from the environment variables
 * {@code BACKEND_PRIORITY_CPU} and {@code BACKEND_PRIORITY_GPU} read when its backend class loads, so
 * the {@code ./lae} launcher sets them from this same option before the JVM starts; the JVM can only
 * check the outcome ({@link BackendCheck}).
 */
public enum BackendRequest {
    /** CUDA when the build has it and a GPU is usable, else the CPU with one warning. */
    AUTO,
    /** The CPU; CUDA is not tried. */
    CPU,
    /** CUDA, or an error. */
    CUDA;

    /** @return the name on the command line: {@code auto}, {@code cpu} or {@code cuda} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
