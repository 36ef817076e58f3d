package io.lae.backend;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J, which picks its backend, with what it prints meanwhile held back. When ND4J tries CUDA
 * without a usable GPU, {@code JCublasBackend.isAvailable()} prints a stack trace with
 * {@code printStackTrace()} straight to {@code System.err}, where no logger setting reaches it; lae says
 * the same in one line instead ({@link BackendCheck}).
 */
public final class Nd4jStart {

    private Nd4jStart() {
    }

    /**
     * Starts ND4J (once per JVM; later calls only ask) and reports the backend it loaded.
     *
     * @param debug where to print what ND4J printed to {@code System.err} while starting ({@code --debug}),
     *              or null to drop it
     * @return whether ND4J loaded its CUDA backend
     */
    public static boolean loadedCuda(PrintWriter debug) {
        PrintStream console = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            return Nd4j.getBackend().getClass().getName().equals(BackendCheck.CUDA_BACKEND_CLASS);
        } finally {
            System.setErr(console);
            if (debug != null) {
                debug.print(held.toString(StandardCharsets.UTF_8));
                debug.flush();
            }
        }
    }
}
