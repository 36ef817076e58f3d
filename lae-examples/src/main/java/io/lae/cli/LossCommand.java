package io.lae.cli;

import io.lae.LaeException;
import io.lae.io.AtomicFiles;
import io.lae.io.Npy;
import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.loss.LossSpec;
import io.lae.loss.Scale;
import io.lae.runs.TrainingConfig;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae loss}: evaluates one loss and its gradients on data exactly as given (no centring),
 * the interop door for NumPy and PyTorch users (README, Commands).
 */
@Command(name = "loss", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a loss and its gradients on .npy data as given (no centring).",
                "Writes DIR/loss.txt, DIR/grad_encoder.npy (p×n') and DIR/grad_decoder.npy (n×p), float64.",
                "Samples are rows in X.npy (m×n') and Y.npy (m×n); weights are in math shape."})
final class LossCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--loss", required = true, paramLabel = "NAME", completionCandidates = NameCandidates.Losses.class,
            description = "${COMPLETION-CANDIDATES}.")
    String loss;

    @Option(names = {"--data", "--x"}, required = true, paramLabel = "X.npy",
            description = "Inputs, m×n', one sample per row (--x is its old name).")
    Path x;

    @Option(names = {"--targets", "--y"}, paramLabel = "Y.npy",
            description = "Targets, m×n (default: Y = X, an autoencoder; --y is its old name).")
    Path y;

    @Option(names = "--encoder", required = true, paramLabel = "B.npy", description = "Encoder B, p×n'.")
    Path encoder;

    @Option(names = "--decoder", required = true, paramLabel = "A.npy", description = "Decoder A, n×p.")
    Path decoder;

    @Option(names = "--lambda", paramLabel = "L", description = "λ of product and sum.")
    Double lambda;

    @Option(names = "--lambdas", split = ",", paramLabel = "l1,…,lp", description = "λ₁ < … < λ_p of nonuniform.")
    double[] lambdas;

    @Option(names = "--prior", split = ",", paramLabel = "p1,…,pp",
            description = "p_B(1..p) of nested-dropout (default: geometric, unit i kept w.p. 0.9^(i-1)).")
    double[] prior;

    @Option(names = {"--reduction", "--scale"}, paramLabel = "sum|mean|half-mean",
            converter = LabelConverter.Reductions.class, completionCandidates = NameCandidates.Reductions.class,
            description = "The data term's reduction c (default per loss: sum; nonuniform mean; nested-dropout "
                    + "half-mean); --scale is its old name.")
    Scale scale;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() {
        LossSpec lossSpec = TrainingConfig.lossSpec(NameCandidates.normalized(loss), scale, lambda, lambdas, prior);
        NameCandidates.warnIfUsed(spec, "--scale", "--reduction");
        INDArray xRows = MatrixFiles.readMatrix(x, "data");
        INDArray yRows = y == null ? null : MatrixFiles.readMatrix(y, "targets");
        INDArray b = MatrixFiles.readMatrix(encoder, "encoder");
        INDArray a = MatrixFiles.readMatrix(decoder, "decoder");
        checkShapes(xRows, yRows, b, a);
        Loss lossFunction = lossSpec.create((int) b.rows());
        Statistics stats = yRows == null ? StatisticsAccumulator.of(xRows, false)
                : StatisticsAccumulator.of(xRows, yRows, false);
        LossEvaluation result = lossFunction.evaluate(b, a, stats);

        Path dir = MatrixFiles.outputDirectory(out);
        AtomicFiles.writeString(dir.resolve("loss.txt"), String.format(Locale.ROOT, "%.17g%n", result.value()));
        Npy.write(dir.resolve("grad_encoder.npy"), result.gradEncoder());
        Npy.write(dir.resolve("grad_decoder.npy"), result.gradDecoder());
        spec.commandLine().getOut().printf(Locale.ROOT, "%s = %.17g (m = %d, n = %d, n' = %d, p = %d, scale %s) -> %s%n",
                lossFunction.name(), result.value(), stats.sampleCount(), stats.outputDim(), stats.inputDim(),
                b.rows(), lossSpec.effectiveScale(), dir);
        return 0;
    }

    /** Names the files whose shapes disagree, which the loss itself cannot. */
    private void checkShapes(INDArray xRows, INDArray yRows, INDArray b, INDArray a) {
        long inputDim = xRows.columns();
        long outputDim = yRows == null ? inputDim : yRows.columns();
        if (yRows != null && yRows.rows() != xRows.rows()) {
            throw new LaeException(y + " has " + yRows.rows() + " rows but " + x + " has " + xRows.rows()
                    + ": give one target row per sample");
        }
        if (b.columns() != inputDim) {
            throw new LaeException(encoder + ": the encoder is " + MatrixFiles.shape(b) + " but " + x + " has n' = "
                    + inputDim + " features (columns): the encoder must be p×" + inputDim);
        }
        if (a.rows() != outputDim || a.columns() != b.rows()) {
            throw new LaeException(decoder + ": the decoder is " + MatrixFiles.shape(a) + " but must be n×p = "
                    + outputDim + "×" + b.rows() + " (n from " + (y == null ? x : y) + ", p from " + encoder + ")");
        }
    }
}
