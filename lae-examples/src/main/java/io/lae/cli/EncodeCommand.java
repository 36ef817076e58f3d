package io.lae.cli;

import io.lae.LaeException;
import io.lae.data.DataSource;
import io.lae.io.NpyRowWriter;
import io.lae.runs.DataSets;
import io.lae.runs.RunDirectory;
import io.lae.runs.TrainingConfig;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.FittedWeights;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae encode}: applies a finished run to new rows, streamed in chunks: codes z = B(x − μ) with
 * the run's training mean μ when it centred its data ({@code mean.npy} in the run directory), decoded
 * rows Az + μ' ({@code --decode}, the input rows being codes) or reconstructions ({@code --reconstruct}).
 */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a finished run to new data: codes B(x − μ) as rows (m × p), or with --decode the rows "
                + "A z + μ of codes z, or with --reconstruct A B (x − μ) + μ, or with --whiten the codes divided by "
                + "their standard deviations over the training rows.",
                "μ is the run's training mean when it centred its data (mean.npy). Reads and writes in chunks, so "
                + "the data may be larger than memory."})
final class EncodeCommand implements Callable<Integer> {

    private static final int CHUNK_ROWS = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A finished 'lae train' run.")
    Path run;

    @Option(names = "--data", required = true, paramLabel = "SOURCE",
            description = "The rows: samples (n' columns), or codes (p columns) with --decode; .npy, .csv, mnist, …")
    String data;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where the output rows go.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Mixin
    CsvHeaderOption csv;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    /** What to compute; the default is the codes. */
    static final class Mode {
        @Option(names = "--decode", description = "The rows are codes z: write A z + μ.")
        boolean decode;

        @Option(names = "--reconstruct", description = "Write A B (x − μ) + μ.")
        boolean reconstruct;

        @Option(names = "--whiten", description = "Write the codes each divided by its standard deviation over the "
                + "training rows (scikit-learn's whiten=True).")
        boolean whiten;
    }

    @Override
    public Integer call() {
        if (!out.toString().endsWith(".npy")) {
            throw new LaeException("--out " + out + ": lae encode writes a .npy file; name it FILE.npy");
        }
        OutputFile.requireFree(out, force);
        TrainingConfig config = RunDirectory.readConfig(run);
        FittedWeights weights = new RunDirectory(run).readFitted(config);
        DataSource rows = DataSets.open(data, csv.header);
        int expected = mode.decode ? weights.latent() : weights.inputDim();
        if (rows.columns() != expected) {
            throw new LaeException(data + ": rows of " + rows.columns() + " values, but the run "
                    + (mode.decode ? "decodes codes of p = " : "encodes samples of n' = ") + expected
                    + (mode.decode ? "" : "; --decode takes codes (p = " + weights.latent() + " columns)"));
        }
        if (mode.whiten && weights.codeStd() == null) {
            throw new LaeException(run + "/run.json records no code standard deviations (a run written by an older "
                    + "lae): train it again to whiten its codes");
        }
        UnaryOperator<INDArray> map = mode.decode ? weights::decode : mode.reconstruct ? weights::reconstruct
                : mode.whiten ? weights::encodeWhitened : weights::encode;
        long width = mode.decode || mode.reconstruct ? weights.decoder().rows() : weights.latent();
        long[] done = {0};
        try (NpyRowWriter writer = new NpyRowWriter(out, rows.rows(), width)) {
            rows.forEachChunk(CHUNK_ROWS, chunk -> {
                // as train and stats do: a NaN or ±Inf row is named, not encoded (the output file is never written)
                int bad = StatisticsAccumulator.firstNonFiniteRow(chunk);
                if (bad >= 0) {
                    throw StatisticsAccumulator.nonFiniteSample(mode.decode ? "code" : "input", done[0] + bad);
                }
                writer.append(map.apply(chunk));
                done[0] += chunk.rows();
            });
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf("wrote %s: %d × %d (%s)%n", out, rows.rows(), width, mode.decode ? "decoded rows"
                : mode.reconstruct ? "reconstructions" : mode.whiten ? "whitened codes" : "codes");
        return 0;
    }
}
