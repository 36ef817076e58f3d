package io.lae.backend;

import io.lae.LaeException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Checks a {@link BackendRequest} against what the build contains and what ND4J loaded: go on, go on
 * with one warning (CUDA was tried and the CPU took over), or stop with a {@link LaeException}.
 *
 * @param requested   what {@code --backend} asked for
 * @param cudaInBuild whether the running jar contains ND4J's CUDA backend ({@code mvn -Pnd4j-cuda package})
 */
public record BackendCheck(BackendRequest requested, boolean cudaInBuild) {

    /** ND4J's CUDA backend class; present only in the {@code -Pnd4j-cuda} build. */
    public static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** The warning when {@code auto} tried CUDA and ND4J fell back to the CPU. */
    public static final String FALLBACK_WARNING = "no usable CUDA GPU (no GPU, NVIDIA driver or CUDA 11.6 libraries;"
            + " --debug shows ND4J's reason): running on the CPU; --backend cpu skips the CUDA attempt";

    /** The error when {@code nd4j-cuda} is asked of a build without it. */
    public static final String NOT_BUILT_ERROR = "--backend nd4j-cuda: this lae was built without ND4J's CUDA backend;"
            + " build it with 'mvn -Pnd4j-cuda package' (see README), or use --backend cuda (lae's own CUDA engine),"
            + " auto or cpu";

    /** The error when {@code nd4j-cuda} is asked and ND4J could not start it. */
    public static final String NO_GPU_ERROR = "--backend nd4j-cuda: no usable CUDA GPU (no GPU, NVIDIA driver or CUDA 11.6"
            + " libraries; --debug shows ND4J's reason); check nvidia-smi, bundle CUDA 11.6 with"
            + " 'mvn -Pnd4j-cuda,cuda-redist package', or use --backend cpu";

    /** The error when {@code cpu} or {@code cuda} is asked and ND4J loaded its CUDA backend anyway. */
    public static final String CPU_IGNORED_ERROR = "ND4J had loaded its CUDA backend before lae could leave it out"
            + " (something in this JVM started ND4J first); run lae in a JVM of its own (java -jar, ./lae)";

    /**
     * @param requested what {@code --backend} asked for
     * @return the check for the jar this class was loaded from
     */
    public static BackendCheck forThisBuild(BackendRequest requested) {
        String resource = CUDA_BACKEND_CLASS.replace('.', '/') + ".class";
        return new BackendCheck(requested, BackendCheck.class.getClassLoader().getResource(resource) != null);
    }

    /**
     * Checks the request. A CUDA request to a build without CUDA fails before {@code cudaLoaded} is asked,
     * so ND4J does not start a backend only to be refused.
     *
     * @param cudaLoaded whether ND4J loaded its CUDA backend (asking may start ND4J)
     * @return the one warning to print, if any
     * @throws LaeException when the backend that runs is not the one asked for
     */
    public Optional<String> verify(BooleanSupplier cudaLoaded) {
        if (requested == BackendRequest.ND4J_CUDA && !cudaInBuild) {
            throw new LaeException(NOT_BUILT_ERROR);
        }
        boolean cuda = cudaLoaded.getAsBoolean();
        return switch (requested) {
            case AUTO -> cudaInBuild && !cuda ? Optional.of(FALLBACK_WARNING) : Optional.empty();
            case CPU, CUDA -> {
                if (cuda) {
                    throw new LaeException("--backend " + requested + ": " + CPU_IGNORED_ERROR);
                }
                yield Optional.empty();
            }
            case ND4J_CUDA -> {
                if (!cuda) {
                    throw new LaeException(NO_GPU_ERROR);
                }
                yield Optional.empty();
            }
        };
    }
}
