package io.lae.cuda.check;

import io.lae.Precision;
import io.lae.cuda.CudaDevice;
import io.lae.cuda.CudaException;
import io.lae.cuda.DeviceMatrix;
import io.lae.cuda.DeviceOptimizer;
import io.lae.cuda.DeviceRule;
import io.lae.cuda.DeviceStatistics;
import io.lae.cuda.DeviceTraining;
import io.lae.loss.LossForm;
import io.lae.loss.LossMethod;
import io.lae.loss.Losses;
import io.lae.loss.OrderedLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The device check (docs/gpu.md; {@code lae-cuda/check/pack DIR}, then {@code DIR/run} on a GPU machine
 * without Java): prints the device, runs the contract cases on it, trains {@code ordered} at n = 1000,
 * p = 100 on Haar data with distinct eigenvalues until Ratio_TP = 1, runs the GPU bench, and writes
 * one JSON report. Without a usable GPU it prints one line and exits with status 2.
 *
 * <p>Usage: {@code DeviceCheck REPORT.json [--quick]} ({@code --quick}: the two small bench sizes and
 * 10⁵ statistics rows).
 */
public final class DeviceCheck {

    private static Path report;

    private DeviceCheck() {
    }

    /**
     * @param args the report's path, then optionally {@code --quick}
     */
    public static void main(String[] args) throws IOException {
        report = Path.of(args.length > 0 ? args[0] : "lae-cuda-check.json");
        boolean quick = List.of(args).contains("--quick");
        for (LossMethod loss : Losses.REGISTRY.methods()) {
            ContractCases.form(loss, 4);                                 // the loss forms load without ND4J
        }
        CudaDevice device;
        try {
            device = CudaDevice.open();
        } catch (CudaException e) {
            System.err.println("lae device check: " + e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (device) {
            System.out.println("device: " + device.description().summary());
            out.put("device", device.description().asMap());
            out.put("java", Runtime.version().toString());
            long[] failed = {0};
            section(out, "contract", () -> {
                System.out.println("contract cases (float64 references in plain Java):");
                List<Map<String, Object>> cases = new ContractCases(new CudaContractEngine(device))
                        .run(Precision.FLOAT64, Precision.FLOAT32);
                failed[0] = cases.stream().filter(c -> !(Boolean) c.get("passed")).count();
                System.out.printf("contract: %d of %d cases passed%n", cases.size() - failed[0], cases.size());
                return Map.of("cases", cases, "failed", failed[0], "total", cases.size());
            });
            section(out, "ordered_training", () -> orderedTraining(device));
            Bench.run(device, quick, (name, part) -> section(out, name, part));
            out.put("seconds", (System.nanoTime() - start) / 1e9);
            Files.writeString(report, Json.write(out));
            System.out.printf("wrote %s (%.0f s)%n", report, (System.nanoTime() - start) / 1e9);
            if (failed[0] > 0 || out.values().stream().anyMatch(v -> v instanceof Map<?, ?> m && m.containsKey("error"))) {
                System.exit(1);
            }
        }
    }

    /** Runs one part of the check; a failure is recorded in the report (with its stack trace on stderr) and the rest goes on. */
    private static void section(Map<String, Object> out, String name, java.util.function.Supplier<Object> part) {
        try {
            out.put(name, part.get());
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            out.put(name, Map.of("error", String.valueOf(e)));
        }
        try {
            Files.writeString(report, Json.write(out));                             // what is done survives a timeout
        } catch (IOException e) {
            System.err.println("cannot write " + report + ": " + e.getMessage());
        }
    }

    /**
     * Ordered loss, n = 1000, p = 100, float32, Adam: Σ = U diag(λ) Uᵀ with Haar U and distinct λ
     * (10·0.96^(i−1) for the top 100, then 0.1·0.99^(i−101)); checks Ratio_TP every 1000 steps.
     */
    private static Map<String, Object> orderedTraining(CudaDevice device) {
        int n = 1000;
        int p = 100;
        long maxSteps = 60_000;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = i < p ? 10 * Math.pow(0.96, i) : 0.1 * Math.pow(0.99, i - p);
        }
        double[] u = Haar.orthogonal(n, 1);
        double[] scaled = u.clone();
        double tyy = 0;
        for (int j = 0; j < n; j++) {
            tyy += lambda[j];
            for (int i = 0; i < n; i++) {
                scaled[i + j * n] *= Math.sqrt(lambda[j]);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Precision precision = Precision.FLOAT32;
        try (DeviceMatrix x = device.upload(scaled, n, n, precision);
             DeviceMatrix sigma = device.zeros(n, n, precision)) {
            device.gemm(false, true, 1, x, x, 0, sigma);                                 // Σ = U Λ Uᵀ
            DeviceStatistics stats = new DeviceStatistics(sigma, sigma, tyy, n);
            LossForm form = ContractCases.form(OrderedLoss.METHOD, p);
            SplittableRandom random = new SplittableRandom(0);
            double[] encoder = new double[p * n];
            double[] decoder = new double[n * p];
            for (int i = 0; i < encoder.length; i++) {
                encoder[i] = random.nextGaussian() * 0.01;
                decoder[i] = random.nextGaussian() * 0.01;
            }
            double lr0 = 3e-3;
            double lr1 = 3e-5;
            try (DeviceTraining training = new DeviceTraining(device, stats, form, DeviceRule.GRADIENT,
                    DeviceOptimizer.adam(), encoder, decoder)) {
                long begin = System.nanoTime();
                List<Map<String, Object>> trace = new ArrayList<>();
                double tp = 0;
                while (training.step() < maxSteps && tp < 1) {
                    training.steps(1000, t -> lr0 * Math.pow(lr1 / lr0, (double) t / (maxSteps - 1)));
                    tp = ratioTp(training.decoder(), u, n, p);
                    trace.add(Map.of("step", training.step(), "ratio_tp", tp));
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                double loss = training.loss();
                double optimum = 0;
                for (int i = 0; i < p; i++) {
                    optimum -= (p - i) * lambda[i];
                }
                optimum += p * tyy;
                System.out.printf("ordered, n = %d, p = %d, float32, Adam %.0e → %.0e: Ratio_TP = %.2f after %d steps"
                        + " (%.2f s with the checks), loss / optimum − 1 = %.2e%n", n, p, lr0, lr1, tp, training.step(),
                        seconds, loss / optimum - 1);
                result.put("n", n);
                result.put("p", p);
                result.put("dtype", "float32");
                result.put("ratio_tp", tp);
                result.put("steps", training.step());
                result.put("seconds", seconds);
                result.put("loss_over_optimum_minus_1", loss / optimum - 1);
                result.put("trace", trace);
            }
        }
        return result;
    }

    /** Ratio_TP = #{i : |cos(A_{:,i}, u_i)| &gt; 0.99} / p (Oftadeh eq. 23, ε = 0.01). */
    static double ratioTp(double[] decoder, double[] u, int n, int p) {
        int found = 0;
        for (int j = 0; j < p; j++) {
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                dot += decoder[i + j * n] * u[i + j * n];
                norm += decoder[i + j * n] * decoder[i + j * n];
            }
            if (Math.abs(dot) / Math.sqrt(norm) > 0.99) {
                found++;
            }
        }
        return (double) found / p;
    }
}
