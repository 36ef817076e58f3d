package io.lae.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident set size, from /proc/self/status (Linux); NaN elsewhere. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /** @return the Java heap the JVM has committed, in MiB */
    static double committedHeapMebibytes() {
        return Runtime.getRuntime().totalMemory() / (1024.0 * 1024.0);
    }

    /** @return VmRSS in MiB, or NaN if the platform does not report it */
    static double mebibytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToDouble(line -> Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(Double.NaN);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
