package io.lae.cuda.check;

import io.lae.Precision;
import io.lae.cuda.DeviceOptimizer;
import io.lae.cuda.DeviceRule;
import io.lae.cuda.DownloadedStatistics;
import io.lae.loss.LossForm;
import io.lae.loss.LossMethod;
import io.lae.loss.LossSpec;
import io.lae.loss.Losses;
import io.lae.loss.MseLoss;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.OrderedLoss;
import io.lae.loss.ProductL2Loss;
import io.lae.optim.Adam;
import io.lae.optim.OptimizerMethod;
import io.lae.optim.Optimizers;
import io.lae.train.BatchOrder;
import io.lae.train.GradientRule;
import io.lae.train.RuleMethod;
import io.lae.train.TruncationDraws;
import io.lae.train.UpdateRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The engine contract, backend-neutral (plain Java arrays, an adapter per engine): statistics from raw
 * rows (autoencoder and regression), every loss's value and gradients in both precisions (autoencoder, and
 * regression for two losses), three steps of every optimizer, one step of every other rule the GPU runs
 * ({@code rag}, {@code gha}, {@code oja}, {@code eigengame}, {@code mu-eigengame}, {@code tied}), mini-batch steps,
 * and bit-for-bit resumption, each against
 * {@link Reference}'s plain-Java float64 literal definitions, on small data (n = 12, p = 4, m = 50).
 */
public final class ContractCases {

    static final int N = 12;
    static final int P = 4;
    static final int M = 50;
    /** float64: GEMMs and sums over at most 600 terms; 1e-10 leaves room for cancellation, not for a wrong formula. */
    static final double FLOAT64 = 1e-10;
    /** float32 (ε ≈ 6e-8) through a few GEMMs: TF32 (~1e-3) would fail, as it should. */
    static final double FLOAT32 = 2e-5;
    /** float32 gradients read back as θ − (θ − ∇): the subtraction of two rounded numbers loses digits. */
    static final double FLOAT32_GRADIENT = 1e-4;

    /** Mini-batches of b = 16 over the m = 50 rows: 4 a epoch, the last of 2, so 5 steps reach a second epoch. */
    static final BatchOrder BATCHES = new BatchOrder(M, 16, 11);

    private final ContractEngine engine;
    private final List<Map<String, Object>> results = new ArrayList<>();
    private final double[][] x;
    private final double[][] y;

    /** @param engine the engine under test */
    public ContractCases(ContractEngine engine) {
        this.engine = engine;
        SplittableRandom random = new SplittableRandom(7);
        x = new double[M][N];
        y = new double[M][N - 2];
        for (int s = 0; s < M; s++) {
            for (int i = 0; i < N; i++) {
                x[s][i] = random.nextGaussian() * (1 + i % 3) + 0.3;
            }
            for (int i = 0; i < N - 2; i++) {
                y[s][i] = x[s][i] * 0.5 - x[s][i + 2] + random.nextGaussian() * 0.1;
            }
        }
    }

    /**
     * @param precisions the precisions to run the cases in
     * @return one map per case: case, error, tolerance, passed
     */
    public List<Map<String, Object>> run(Precision... precisions) {
        for (Precision precision : precisions) {
            for (boolean regression : new boolean[] {false, true}) {
                statistics(precision, regression, true);
                statistics(precision, regression, false);
            }
            for (LossMethod loss : Losses.REGISTRY.methods()) {
                loss(loss, precision, false);
            }
            loss(OrderedLoss.METHOD, precision, true);
            loss(ProductL2Loss.METHOD, precision, true);
            for (OptimizerMethod optimizer : Optimizers.REGISTRY.methods()) {
                optimizer(optimizer, precision);
            }
            for (RuleMethod rule : UpdateRules.REGISTRY.methods()) {
                DeviceRule.of(rule).filter(r -> r != DeviceRule.GRADIENT).ifPresent(r -> rule(r, precision));
            }
            miniBatches(DeviceRule.GRADIENT, precision, false);
            miniBatches(DeviceRule.GRADIENT, precision, true);
            miniBatches(DeviceRule.RAG, precision, false);
            miniBatches(DeviceRule.GHA, precision, false);
            miniBatches(DeviceRule.MU_EIGENGAME, precision, false);
            perSample(precision, false, null);
            perSample(precision, true, null);
            perSample(precision, false, BATCHES);
            resume(precision);
        }
        return results;
    }

    private void record(String name, double error, double tolerance) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("case", name);
        r.put("error", error);
        r.put("tolerance", tolerance);
        r.put("passed", error <= tolerance);
        results.add(r);
        System.out.printf("  %-6s %-52s error %.2e (tolerance %.0e)%n", error <= tolerance ? "passed" : "FAILED",
                name, error, tolerance);
    }

    private static double tolerance(Precision precision) {
        return precision.isDouble() ? FLOAT64 : FLOAT32;
    }

    /** @return the loss's form with its hyperparameters' example values ({@link LossSpec#example}) */
    static LossForm form(LossMethod loss, int p) {
        return LossSpec.example(loss, p).form(p);
    }

    /** @return the optimizer's device form, with its hyperparameters' example values (μ = 0.9) */
    static DeviceOptimizer deviceOptimizer(OptimizerMethod method) {
        return DeviceOptimizer.of(method, method.example(1)).orElseThrow(
                () -> new IllegalStateException("the optimizer " + method.name() + " has no device form"));
    }

    private void statistics(Precision rowType, boolean regression, boolean center) {
        double[][] targets = regression ? y : null;
        double[] expected = Reference.statistics(roundedTo(rowType, x), regression ? roundedTo(rowType, y) : null,
                center);
        DownloadedStatistics actual = engine.statistics(x, targets, rowType, center);
        double[] expectedMeans = concat(Reference.mean(roundedTo(rowType, x)),
                regression ? Reference.mean(roundedTo(rowType, y)) : null);
        double error = Math.max(
                Reference.relativeError(concat(actual.sigmaXX(), actual.sigmaYX(), new double[] {actual.tyy()}), expected),
                Reference.relativeError(concat(actual.meanX(), actual.meanY()), expectedMeans));
        record("statistics and means, " + (regression ? "regression, " : "") + rowType + " rows, "
                + (center ? "centred" : "raw"), error, FLOAT64);
    }

    /** @return the parts one after another, null parts left out */
    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).filter(Objects::nonNull).flatMapToDouble(DoubleStream::of).toArray();
    }

    private static double[][] roundedTo(Precision rowType, double[][] values) {
        return rowType == Precision.FLOAT32 ? roundedToFloat(values) : values;
    }

    private static double[][] roundedToFloat(double[][] values) {
        double[][] out = new double[values.length][];
        for (int s = 0; s < values.length; s++) {
            out[s] = rounded(values[s], Precision.FLOAT32);
        }
        return out;
    }

    private static double[] randomWeights(int length, long seed, double std, Precision precision) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = random.nextGaussian() * std;
        }
        return rounded(w, precision);
    }

    private static double[] rounded(double[] values, Precision precision) {
        if (precision.isDouble()) {
            return values.clone();
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private ContractEngine.Problem problem(double[][] targets, Precision precision, LossMethod loss, int p,
                                           DeviceRule rule, OptimizerMethod optimizer, double[] encoder,
                                           double[] decoder) {
        return problem(targets, precision, loss, p, rule, optimizer, encoder, decoder, null);
    }

    private ContractEngine.Problem problem(double[][] targets, Precision precision, LossMethod loss, int p,
                                           DeviceRule rule, OptimizerMethod optimizer, double[] encoder,
                                           double[] decoder, BatchOrder batches) {
        return new ContractEngine.Problem(x, targets == x ? null : targets, precision, LossSpec.example(loss, p), p,
                rule.method(), optimizer, encoder, decoder, batches, false, 0);
    }

    private void loss(LossMethod loss, Precision precision, boolean regression) {
        double[][] targets = regression ? y : x;
        int n = targets[0].length;
        double[] encoder = randomWeights(P * N, 1, 0.3, precision);
        double[] decoder = randomWeights(n * P, 2, 0.3, precision);
        Reference.Evaluation expected = Reference.loss(form(loss, P), encoder, decoder, x, targets);
        try (ContractEngine.Session session = engine.train(problem(targets, precision, loss, P, DeviceRule.GRADIENT,
                Optimizers.SGD, encoder, decoder))) {
            double value = session.loss();
            session.step(1.0);                                                   // θ − 1·∇: ∇ = θ_before − θ_after
            String label = "loss " + loss.name() + " " + precision + (regression ? " regression" : "");
            double gradientTolerance = precision.isDouble() ? FLOAT64 : FLOAT32_GRADIENT;
            record(label + ": value", Math.abs(value - expected.value()) / Math.abs(expected.value()),
                    tolerance(precision));
            record(label + ": ∇B", Reference.relativeError(difference(encoder, session.encoder()),
                    expected.gradEncoder()), gradientTolerance);
            record(label + ": ∇A", Reference.relativeError(difference(decoder, session.decoder()),
                    expected.gradDecoder()), gradientTolerance);
        }
    }

    private static double[] difference(double[] before, double[] after) {
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = before[i] - after[i];
        }
        return d;
    }

    private void optimizer(OptimizerMethod optimizer, Precision precision) {
        LossForm form = form(OrderedLoss.METHOD, P);
        double[] encoder = randomWeights(P * N, 3, 0.3, precision);
        double[] decoder = randomWeights(N * P, 4, 0.3, precision);
        double lr = 1e-4;
        double[] theta = concat(encoder, decoder);
        double[][] state = {new double[theta.length], new double[theta.length]};
        for (long t = 0; t < 3; t++) {
            Reference.Evaluation e = Reference.loss(form, Arrays.copyOf(theta, encoder.length),
                    Arrays.copyOfRange(theta, encoder.length, theta.length), x, x);
            Reference.update(deviceOptimizer(optimizer), theta, concat(e.gradEncoder(), e.gradDecoder()), state, t, lr);
        }
        try (ContractEngine.Session session = engine.train(problem(x, precision, OrderedLoss.METHOD, P,
                DeviceRule.GRADIENT, optimizer, encoder, decoder))) {
            for (int t = 0; t < 3; t++) {
                session.step(lr);
            }
            record("optimizer " + optimizer.name() + " " + precision + ", 3 steps",
                    Reference.relativeError(concat(session.encoder(), session.decoder()), theta), tolerance(precision));
        }
    }

    private void rule(DeviceRule rule, Precision precision) {
        int p = rule == DeviceRule.OJA ? 1 : P;
        LossMethod loss = rule == DeviceRule.TIED ? OrderedLoss.METHOD : MseLoss.METHOD;
        double[] decoder = randomWeights(N * p, 5, 0.3, precision);
        double[] encoder = rule == DeviceRule.RAG ? randomWeights(p * N, 6, 0.3, precision)
                : decoder.clone();                                  // B = Aᵀ: B row-major holds A's numbers
        double lr = 1e-3;
        double[] expected = switch (rule) {
            case RAG -> {
                Reference.Evaluation e = Reference.rag(form(loss, p), encoder, decoder, x);
                yield concat(step(encoder, e.gradEncoder(), lr), step(decoder, e.gradDecoder(), lr));
            }
            case GHA, OJA -> step(decoder, Reference.hebbian(decoder, x, p), lr);
            case EIGENGAME, MU_EIGENGAME -> gameStep(decoder, x, p, rule, lr);
            case TIED, GRADIENT -> {
                Reference.Evaluation e = Reference.loss(form(loss, p), encoder, decoder, x, x);
                double[] direction = e.gradDecoder().clone();
                double[] gradEncoderT = e.gradEncoder();                   // ∇_B row-major is (∇_B)ᵀ column-major
                for (int k = 0; k < direction.length; k++) {
                    direction[k] += gradEncoderT[k];
                }
                yield step(decoder, direction, lr);
            }
        };
        try (ContractEngine.Session session = engine.train(problem(x, precision, loss, p, rule, Optimizers.SGD, encoder,
                decoder))) {
            session.step(lr);
            double[] actual = rule == DeviceRule.RAG ? concat(session.encoder(), session.decoder()) : session.decoder();
            record("rule " + rule + " " + precision + ", 1 SGD step", Reference.relativeError(actual, expected),
                    tolerance(precision));
        }
    }

    /**
     * Five SGD steps over {@link #BATCHES}: each step's direction is the full-batch reference on that batch's rows
     * (the data term's c and RAG's and the Hebbian rules' 1/m use m = b).
     */
    private void miniBatches(DeviceRule rule, Precision precision, boolean regression) {
        double[][] targets = regression ? y : x;
        int n = targets[0].length;
        boolean tied = rule.tiesWeights();
        LossMethod loss = rule == DeviceRule.GRADIENT ? OrderedLoss.METHOD : MseLoss.METHOD;
        double[] decoder = randomWeights(n * P, 12, 0.3, precision);
        double[] encoder = tied ? decoder.clone() : randomWeights(P * N, 13, 0.3, precision);
        double lr = 1e-4;
        double[] expected = tied ? decoder.clone() : concat(encoder, decoder);
        int encoderLength = tied ? 0 : encoder.length;
        for (long t = 0; t < 5; t++) {
            int[] rows = BATCHES.rowsAt(t);
            double[][] xb = select(x, rows);
            double[] b = Arrays.copyOf(expected, encoderLength);
            double[] a = Arrays.copyOfRange(expected, encoderLength, expected.length);
            double[] before = expected;
            expected = switch (rule) {
                case GHA, OJA -> step(before, Reference.hebbian(a, xb, P), lr);
                case EIGENGAME, MU_EIGENGAME -> gameStep(before, xb, P, rule, lr);
                case RAG -> {
                    Reference.Evaluation e = Reference.rag(form(loss, P), b, a, xb);
                    yield step(before, concat(e.gradEncoder(), e.gradDecoder()), lr);
                }
                case GRADIENT, TIED -> {
                    Reference.Evaluation e = Reference.loss(form(loss, P), b, a, xb, select(targets, rows));
                    yield step(before, concat(e.gradEncoder(), e.gradDecoder()), lr);
                }
            };
        }
        try (ContractEngine.Session session = engine.train(problem(targets, precision, loss, P, rule, Optimizers.SGD,
                encoder, decoder, BATCHES))) {
            for (int t = 0; t < 5; t++) {
                session.step(lr);
            }
            double[] actual = tied ? session.decoder() : concat(session.encoder(), session.decoder());
            record("mini-batches " + rule + " " + precision + (regression ? " regression" : "") + ", 5 SGD steps of b = "
                    + BATCHES.batchSize() + " over m = " + M, Reference.relativeError(actual, expected),
                    tolerance(precision));
        }
    }

    /**
     * Per-sample stochastic nested dropout: SGD steps over all rows (or {@link #BATCHES}), the j-th row of step t's
     * batch keeping the first b_j units of {@link TruncationDraws#at}; each step's direction is the literal
     * per-sample reference.
     */
    private void perSample(Precision precision, boolean regression, BatchOrder batches) {
        double[][] targets = regression ? y : x;
        int n = targets[0].length;
        double[] encoder = randomWeights(P * N, 14, 0.3, precision);
        double[] decoder = randomWeights(n * P, 15, 0.3, precision);
        LossForm form = form(NestedDropoutLoss.METHOD, P);
        long seed = 11;
        TruncationDraws draws = new TruncationDraws(form.nestedWeights(), seed);
        int steps = batches == null ? 3 : 5;
        double lr = 1e-3;
        double[] expected = concat(encoder, decoder);
        for (long t = 0; t < steps; t++) {
            int[] rows = batches == null ? IntStream.range(0, M).toArray() : batches.rowsAt(t);
            Reference.Evaluation e = Reference.perSampleNestedDropout(form.scale(), draws.at(t, rows.length),
                    Arrays.copyOf(expected, encoder.length), Arrays.copyOfRange(expected, encoder.length,
                            expected.length), select(x, rows), select(targets, rows));
            expected = step(expected, concat(e.gradEncoder(), e.gradDecoder()), lr);
        }
        ContractEngine.Problem problem = new ContractEngine.Problem(x, regression ? y : null, precision,
                LossSpec.example(NestedDropoutLoss.METHOD, P), P, GradientRule.METHOD, Optimizers.SGD, encoder, decoder,
                batches, true, seed);
        try (ContractEngine.Session session = engine.train(problem)) {
            for (int t = 0; t < steps; t++) {
                session.step(lr);
            }
            record("per-sample nested dropout " + precision + (regression ? " regression" : "") + ", " + steps
                    + " SGD steps " + (batches == null ? "over all m = " + M + " rows" : "of b = "
                    + batches.batchSize()), Reference.relativeError(concat(session.encoder(), session.decoder()),
                    expected), tolerance(precision));
        }
    }

    private static double[][] select(double[][] rows, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    /** @return one SGD step of an EigenGame from A: its columns made unit, stepped, made unit again */
    private static double[] gameStep(double[] decoder, double[][] x, int p, DeviceRule rule, double lr) {
        double[] v = Reference.unitColumns(decoder, p);
        return Reference.unitColumns(step(v, Reference.eigengame(v, x, p, rule == DeviceRule.MU_EIGENGAME), lr), p);
    }

    private static double[] step(double[] theta, double[] direction, double lr) {
        double[] out = theta.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] -= lr * direction[k];
        }
        return out;
    }

    private void resume(Precision precision) {
        double[] encoder = randomWeights(P * N, 8, 0.3, precision);
        double[] decoder = randomWeights(N * P, 9, 0.3, precision);
        ContractEngine.Problem problem = problem(x, precision, OrderedLoss.METHOD, P, DeviceRule.GRADIENT, Optimizers.ADAM,
                encoder, decoder);
        double[] straight;
        try (ContractEngine.Session run = engine.train(problem)) {
            for (int t = 0; t < 40; t++) {
                run.step(1e-3);
            }
            straight = concat(run.encoder(), run.decoder());
        }
        Object halfway;
        try (ContractEngine.Session first = engine.train(problem)) {
            for (int t = 0; t < 20; t++) {
                first.step(1e-3);
            }
            halfway = first.checkpoint();
        }
        try (ContractEngine.Session second = engine.train(problem)) {
            second.restore(halfway);
            for (int t = 0; t < 20; t++) {
                second.step(1e-3);
            }
            double[] resumed = concat(second.encoder(), second.decoder());
            long differing = 0;
            for (int k = 0; k < resumed.length; k++) {
                if (Double.doubleToLongBits(resumed[k]) != Double.doubleToLongBits(straight[k])) {
                    differing++;
                }
            }
            record("resume " + precision + ": 20 + 20 Adam steps vs 40, entries differing", differing, 0);
        }
    }
}
