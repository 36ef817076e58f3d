package io.lae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lae.Precision;
import io.lae.backend.BackendRequest;
import io.lae.backend.Engines;
import io.lae.bench.Bench;
import io.lae.bench.BenchPlan;
import io.lae.bench.BenchReport;
import io.lae.cuda.CudaDevice;
import io.lae.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae bench}: full-batch step time against one (2p×n)·(n×n) GEMM of the same process,
 * statistics accumulation against a GEMM of the same flops, mini-batch throughput and resident
 * memory over a long run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training steps against the GEMM bound and, where python3 with NumPy is present, "
                + "against the same step in NumPy; also statistics, per-sample nested-dropout "
                + "steps over 60 000 rows, mini-batch and memory costs.",
                "Times are medians after warm-up; compare the ratios, which are taken within one run, "
                + "not absolute times across machines."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The small grid: (n, p) = (1000, 100) and (2048, 256).")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--sizes", split = ",", paramLabel = "N:P",
            description = "Replace the grid, e.g. --sizes 1000:100,4096:512.")
    List<String> sizes;

    @Option(names = "--dtype", split = ",", paramLabel = "TYPE", converter = PrecisionOption.Converter.class,
            completionCandidates = NameCandidates.Precisions.class, description = "float32 and/or float64 (default both).")
    List<Precision> dtypes;

    @Option(names = "--loss", split = ",", paramLabel = "NAME",
            description = "Methods to step: ordered, mse, sum, product, nonuniform, nested-dropout, rag (default all).")
    List<String> losses;

    @Option(names = "--memory-steps", paramLabel = "N",
            description = "Steps of the memory measurement (default 10000).")
    Long memorySteps;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "Optimizer of every step: adam (default), nesterov, momentum or sgd.")
    String optimizer;

    @Option(names = "--seconds", paramLabel = "S", description = "Time spent on each median (default 1 quick, 2 full).")
    Double seconds;

    @Option(names = "--breakdown", description = "Also split each full-batch step into the GEMM, the small GEMMs, "
            + "the element-wise work, and the rule with the optimizer.")
    boolean breakdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (Engines.requested() == BackendRequest.CUDA) {
            return gpu(out);
        }
        BenchReport report = new Bench(plan(), line -> {
            out.println(line);
            out.flush();
        }).run();
        if (json != null) {
            write(report, json);
            out.println("wrote " + json);
        }
        return 0;
    }

    /**
     * {@code --backend cuda}: lae's CUDA engine's bench (steps against the GEMM at the full or quick grid, Bao's
     * Fig. 4 sizes, statistics throughput), timed on the GPU by CUDA events; --sizes, --dtype and --loss do not
     * apply to it.
     */
    private int gpu(PrintWriter out) {
        CudaDevice device = Engines.requireCudaDevice();
        out.println("device: " + device.description().summary());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("device", device.description().asMap());
        io.lae.cuda.check.Bench.run(device, quick, (name, part) -> report.put(name, part.get()));
        if (json != null) {
            try {
                AtomicFiles.writeBytes(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(report));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + json, e);
            }
            out.println("wrote " + json);
        }
        return 0;
    }

    private BenchPlan plan() {
        BenchPlan base = quick ? BenchPlan.quick() : BenchPlan.full();
        return base.with(sizes, dtypes, losses, memorySteps, seconds, optimizer, breakdown);
    }

    private static void write(BenchReport report, Path file) {
        try {
            AtomicFiles.writeBytes(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
