package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal through the jar, where the JVM really exits (its shutdown hooks and the native libraries' exit handlers
 * run): SIGTERM in the middle of the statistics' GEMMs ends the process at once with 143 and says what was
 * interrupted.
 */
class SignalExitIT {

    private static final Path JAR = Path.of("target", "lae.jar");

    @TempDir
    Path dir;

    private static ProcessBuilder lae(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * Before lae ended the process itself, one SIGTERM in four at these moments left it waiting forever in OpenBLAS's
     * exit handler (2 of 8 measured).
     */
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void sigtermDuringTheStatisticsEndsTheProcessAtOnce() throws Exception {
        Path data = uint8Matrix(dir.resolve("x.npy"), 60_000, 2_000);
        for (int attempt = 0; attempt < 4; attempt++) {
            Process process = lae("stats", "--data", data.toString(), "--out", dir.resolve("s.npz").toString(),
                    "--force").start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("data: "); line = out.readLine()) {
                // the statistics start once the data are opened
            }
            Thread.sleep(400 + 230L * attempt);
            process.toHandle().destroy(); // SIGTERM, leaving the pipes open to read what it says
            List<String> err = readRest(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8)));
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM: " + err);
            assertEquals(143, process.exitValue(), err.toString());
            assertEquals(List.of("lae: interrupted while computing the statistics of " + data + "; "
                    + dir.resolve("s.npz") + " was not written"), err);
            assertTrue(Files.notExists(dir.resolve("s.npz")));
        }
    }

    /** Writes a .npy of m × n unsigned bytes (their float64 statistics cost m·n² multiply-adds). */
    private static Path uint8Matrix(Path file, int m, int n) throws IOException {
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + m + ", " + n + "), }";
        String header = dict + " ".repeat(127 - 10 - dict.length()) + "\n";
        byte[] values = new byte[m * n];
        new java.util.Random(1).nextBytes(values);
        try (var stream = Files.newOutputStream(file)) {
            stream.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
            stream.write(header.getBytes(StandardCharsets.US_ASCII));
            stream.write(values);
        }
        return file;
    }

    private static List<String> readRest(BufferedReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }
}
