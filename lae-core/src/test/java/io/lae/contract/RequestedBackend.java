package io.lae.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backend the contract suite is asked to run on, {@code -Dlae.contract.backend=cpu|cuda}, held
 * against the one ND4J loaded. Without the property (or with it blank) the suite runs on whatever
 * backend is active; with it, on any other backend every test is skipped with the reason, never
 * silently (ND4J falls back to the CPU when CUDA is unusable, and a green run on the wrong backend
 * would prove nothing).
 */
final class RequestedBackend {

    /** The system property naming the backend the suite must run on. */
    static final String PROPERTY = "lae.contract.backend";

    private static boolean announced;

    private RequestedBackend() {
    }

    /**
     * Skips the calling test (a JUnit assumption) unless the loaded backend is the requested one; the
     * reason goes to the test report and, once, to standard error.
     *
     * @throws IllegalArgumentException if the property is set to something other than cpu or cuda
     */
    static void assumeLoaded() {
        String loaded = Nd4j.getBackend().getClass().getSimpleName();
        String reason = skipReason(System.getProperty(PROPERTY), loaded, isCuda(loaded));
        if (reason != null && !announced) {
            System.err.println("Skipping the backend contract: " + reason);  // Surefire's console omits skip reasons
            announced = true;
        }
        assumeTrue(reason == null, reason);
    }

    /**
     * @param requested the property's value, or null
     * @param loaded    the simple class name of the loaded backend ({@code CpuBackend}, {@code JCublasBackend})
     * @param cuda      whether it is the CUDA backend
     * @return why the suite cannot run on this backend, or null when it can
     * @throws IllegalArgumentException for a value other than cpu, cuda or blank
     */
    static String skipReason(String requested, String loaded, boolean cuda) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        String wanted = requested.strip().toLowerCase(Locale.ROOT);
        String prefix = PROPERTY + "=" + wanted + " but ND4J loaded " + loaded + ": ";
        return switch (wanted) {
            case "cuda" -> cuda ? null : prefix + "no usable CUDA GPU (see docs/gpu.md)";
            case "cpu" -> cuda ? prefix + "the CUDA backend took priority (see docs/gpu.md)" : null;
            default -> throw new IllegalArgumentException(PROPERTY + " must be cpu or cuda, got '" + requested + "'");
        };
    }

    /** CUDA by the backend's class name or, failing that, by what the executioner reports. */
    private static boolean isCuda(String loaded) {
        Object reported = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
        return loaded.contains("Cublas") || "CUDA".equalsIgnoreCase(String.valueOf(reported));
    }
}
