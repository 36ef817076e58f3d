package io.lae.loss;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Autodiff gradients of a SameDiff graph's loss variables, without the noise: ND4J M2.1 prints
 * "Added differentiated op …" to {@code System.out} (a hard-coded println in
 * {@code SameDiff.createGradFunction}, not a log call) for every op of the graph. Those lines, and
 * only those, are dropped while the gradient function is built.
 */
public final class SameDiffGradients {

    private static final String NOISE = "Added differentiated op";

    private SameDiffGradients() {
    }

    /**
     * @param graph     a graph whose loss variables are set
     * @param variables the variables to differentiate with respect to
     * @return their gradients, by name
     */
    public static Map<String, INDArray> of(SameDiff graph, String... variables) {
        synchronized (System.class) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
            try {
                return graph.calculateGradients(Map.of(), variables);
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    /** Passes whole lines through to a stream unless they start with {@link #NOISE}. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final StringBuilder line = new StringBuilder();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.append((char) (b & 0xff));
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public void flush() {
            if (line.length() > 0) {
                flushLine();
            }
            target.flush();
        }

        private void flushLine() {
            String text = line.toString();
            line.setLength(0);
            if (!text.startsWith(NOISE)) {
                target.write(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
            }
        }
    }
}
