package io.lae.cli;

import io.lae.backend.Engines;
import io.lae.device.DeviceInfo;
import io.lae.device.Host;
import io.lae.device.MemoryLimit;
import io.lae.device.MemoryPlan;
import io.lae.runs.DataSets;
import io.lae.runs.Environment;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lae info}: where lae runs — versions, backend, device, its memory, BLAS threads, host memory and the data folder. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show versions, the ND4J backend, the device and its memory, BLAS threads, host memory and the data folder.")
final class InfoCommand implements Callable<Integer> {

    private static final String NOT_APPLICABLE = "n/a";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DeviceInfo device = DeviceInfo.current();
        Map<String, Object> env = Environment.describe(device);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("lae", env.get("lae"));
        info.put("nd4j", env.get("nd4j"));
        info.put("java", env.get("java"));
        info.put("backend", device.backend() + " (" + env.get("backend") + ")");
        info.put("lae-cuda engine", Engines.cudaEngineStatus());
        info.put("device", device.name());
        info.put("compute capability", orNotApplicable(device.computeCapability()));
        info.put("device memory total", MemoryPlan.gib(device.totalBytes()));
        info.put("device memory free", MemoryPlan.gib(device.freeBytes())
                + (device.isGpu() ? "" : " (what a run can use: min(available physical, JavaCPP's max physical − resident))"));
        MemoryLimit.configured().ifPresent(limit -> info.put("memory limit", MemoryPlan.gib(limit)
                + " (" + MemoryLimit.PROPERTY + " / " + MemoryLimit.VARIABLE + ")"));
        info.put("driver", orNotApplicable(device.driverVersion()));
        info.put("CUDA runtime", orNotApplicable(device.runtimeVersion()));
        info.put("dtype", "float64 by default (--dtype float32 halves memory and roughly doubles GEMM speed)");
        for (String key : new String[] {"blas", "openblas", "lapack_check", "threads", "blas_threads", "OPENBLAS_CORETYPE",
                "OMP_WAIT_POLICY"}) {
            info.put(key, env.get(key));
        }
        Host host = Host.current();
        info.put("memory total", MemoryPlan.gib(host.totalBytes()));
        info.put("memory available", MemoryPlan.gib(host.availableBytes()));
        info.put("JVM max heap", MemoryPlan.gib(Runtime.getRuntime().maxMemory()));
        info.put("data folder", DataSets.folder().toAbsolutePath() + " (lae fetch puts MNIST and Fashion-MNIST there)");
        info.forEach((key, value) -> out.printf(Locale.ROOT, "%-22s %s%n", key + ":", value == null ? "(unset)" : value));
        return 0;
    }

    private static String orNotApplicable(String value) {
        return value == null ? NOT_APPLICABLE : value;
    }
}
