package io.lae.cli;

import io.lae.runs.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lae info}: where lae runs — versions, backend, device, BLAS threads and memory. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show versions, the ND4J backend, the device, BLAS threads and memory.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> info = new LinkedHashMap<>(Environment.describe());
        Map<String, Long> memory = hostMemory();
        info.put("memory total", gib(memory.get("MemTotal")));
        info.put("memory available", gib(memory.get("MemAvailable")));
        info.put("JVM max heap", gib(Runtime.getRuntime().maxMemory()));
        info.put("default dtype", "float64 (--dtype float32 halves memory and roughly doubles GEMM speed)");
        info.forEach((key, value) -> out.printf(Locale.ROOT, "%-18s %s%n", key + ":", value == null ? "(unset)" : value));
        return 0;
    }

    /** @return /proc/meminfo's fields in bytes (empty where the platform has none) */
    private static Map<String, Long> hostMemory() {
        Map<String, Long> fields = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            for (String line : lines) {
                String[] parts = line.split(":\\s+");
                if (parts.length == 2 && parts[1].endsWith(" kB")) {
                    fields.put(parts[0], 1024 * Long.parseLong(parts[1].replace(" kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // reported as unknown below
        }
        return fields;
    }

    private static String gib(Long bytes) {
        return bytes == null ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
