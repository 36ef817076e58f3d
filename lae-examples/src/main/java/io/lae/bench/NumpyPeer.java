package io.lae.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lae.Precision;
import io.lae.loss.LossForm;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * lae's NumPy peer ({@code numpy_peer.py}, a resource beside this class): the same full-batch step written in
 * NumPy, run by {@code python3} in a process of its own that answers one JSON request a line, so that
 * {@code lae bench} can time lae and NumPy in turn under the same machine load.
 */
final class NumpyPeer implements AutoCloseable {

    private static final String SCRIPT = "numpy_peer.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader replies;
    private final Path script;
    private final String description;

    private NumpyPeer(Process process, Path script, BufferedReader replies, String description) {
        this.process = process;
        this.script = script;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.replies = replies;
        this.description = description;
    }

    /**
     * Starts {@code python3 numpy_peer.py}.
     *
     * @return the running peer
     * @throws Unavailable with one line saying why, when there is no {@code python3} or it has no NumPy
     */
    static NumpyPeer start() throws Unavailable {
        Path script;
        try (InputStream in = NumpyPeer.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new Unavailable("the peer script " + SCRIPT + " is missing from the class path");
            }
            script = Files.createTempFile("lae-numpy-peer", ".py");
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Unavailable("cannot write the peer script: " + e.getMessage());
        }
        Process process;
        try {
            process = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            delete(script);
            throw new Unavailable("no python3 on PATH");
        }
        BufferedReader replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String first = replies.readLine();
            JsonNode hello = first == null ? null : JSON.readTree(first);
            if (hello == null || !hello.has("numpy")) {
                throw new IOException("python3 has no NumPy");
            }
            return new NumpyPeer(process, script, replies,
                    "NumPy " + hello.get("numpy").asText() + " (" + hello.get("blas").asText() + ")");
        } catch (IOException e) {
            process.destroy();
            delete(script);
            throw new Unavailable(e.getMessage().contains("NumPy") ? "python3 has no NumPy (pip install numpy)"
                    : "the peer did not start: " + e.getMessage());
        }
    }

    /** @return e.g. {@code NumPy 2.4.6 (scipy-openblas 0.3.31)} */
    String description() {
        return description;
    }

    /**
     * Times the peer's step and its GEMM W·Σ, alternately, after warm-up.
     *
     * @param n         the data dimension
     * @param p         the latent size
     * @param dtype     float32 or float64
     * @param form      the loss, as lae's form of it
     * @param optimizer adam, sgd, momentum or nesterov
     * @param seconds   roughly how long to time
     * @return the medians, in seconds
     */
    Timing.Medians time(int n, int p, Precision dtype, Form form, String optimizer, double seconds) {
        ObjectNode request = request(n, p, dtype, form, optimizer);
        request.put("seconds", seconds);
        JsonNode reply = ask(request);
        return new Timing.Medians(reply.get("gemm_seconds").asDouble(), reply.get("step_seconds").asDouble());
    }

    /**
     * Runs the peer's step from the given Σ and weights, for checking its arithmetic against lae's.
     *
     * @param sigma        Σ, n×n
     * @param weights      W = [B; Aᵀ], 2p×n
     * @param form         the loss
     * @param optimizer    adam, sgd, momentum or nesterov
     * @param learningRate α
     * @param steps        how many steps
     * @return W after the steps, in float64
     */
    double[][] steps(double[][] sigma, double[][] weights, Form form, String optimizer, double learningRate,
                            int steps) {
        ObjectNode request = request(sigma.length, weights.length / 2, Precision.FLOAT64, form, optimizer);
        request.put("learning_rate", learningRate);
        request.put("steps", steps);
        request.set("sigma", JSON.valueToTree(sigma));
        request.set("w", JSON.valueToTree(weights));
        return JSON.convertValue(ask(request).get("w"), double[][].class);
    }

    private static ObjectNode request(int n, int p, Precision dtype, Form form, String optimizer) {
        ObjectNode request = JSON.createObjectNode();
        request.put("n", n);
        request.put("p", p);
        request.put("dtype", dtype.toString());
        request.put("optimizer", optimizer);
        request.set("form", JSON.valueToTree(form));
        return request;
    }

    private JsonNode ask(ObjectNode request) {
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
            String line = replies.readLine();
            if (line == null) {
                throw new IllegalStateException("the NumPy peer stopped");
            }
            JsonNode reply = JSON.readTree(line);
            if (reply.has("error")) {
                throw new IllegalStateException("the NumPy peer refused: " + reply.get("error").asText());
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException("the NumPy peer did not answer", e);
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        } finally {
            delete(script);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the system cleans it up
        }
    }

    /**
     * A loss as the peer computes it.
     *
     * @param q        q_i = Σ_{b≥i} w_b, the diagonal of T
     * @param c        the data-term scale c for Σ's sample count
     * @param lambdas  λ_i of the per-unit penalty, or null
     * @param product  λ_π of the product penalty (0 for none)
     * @param rotation whether RAG's rotation follows the gradient
     * @param m        Σ's sample count (Γ's 1/m)
     */
    public record Form(double[] q, double c, double[] lambdas, double product, boolean rotation, long m) {

        /**
         * @param form     lae's form of the loss
         * @param m        the sample count of the statistics
         * @param rotation whether the rule is rag
         * @return the loss as the peer takes it
         */
        public static Form of(LossForm form, long m, boolean rotation) {
            return new Form(form.tailWeights(), form.scale().factor(m),
                    form.hasDiagonalPenalty() ? form.diagonalLambdas() : null, form.productLambda(), rotation, m);
        }
    }

    /** Why the peer cannot run here, in one line. */
    public static final class Unavailable extends Exception {

        /** @param reason the line */
        Unavailable(String reason) {
            super(reason);
        }
    }
}
