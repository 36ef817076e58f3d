package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.runs.OutputDirectory;
import io.lae.runs.RunLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output directory belongs to one run: refusal, --force, fresh defaults, the lock, interruption. */
class RunOwnershipTest {

    private static final String DATA = "synthetic:diag:n=12,m=300,seed=1";

    @TempDir
    Path dir;

    private static CliRunner train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", DATA, "--latent", "3", "--steps", "40",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void aSecondRunInTheSameDirectoryIsRefusedAndTouchesNothing() throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, train(run).exitCode());
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.csv"));
        byte[] json = Files.readAllBytes(run.resolve("run.json"));
        CliRunner again = train(run);
        assertEquals(2, again.exitCode(), again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains("already holds a run (status: finished)")
                && again.err().contains("--resume " + run) && again.err().contains("--force"), again.err());
        assertEquals(new String(metrics), new String(Files.readAllBytes(run.resolve("metrics.csv"))));
        assertEquals(new String(json), new String(Files.readAllBytes(run.resolve("run.json"))));
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "no lock left behind");
    }

    @Test
    void aDirectoryOfOtherFilesIsRefused() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("run.txt"), "my notes");
        CliRunner r = train(mine);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("holds no lae run"), r.err());
        assertEquals(List.of("run.txt"), Files.list(mine).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void forceKeepsThePreviousRunBeside() throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, train(run, "--seed", "1").exitCode());
        CliRunner forced = train(run, "--seed", "2", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(forced.out().contains("moved what " + run + " held to " + run + ".previous"), forced.out());
        ObjectMapper json = new ObjectMapper();
        assertEquals(1, json.readTree(dir.resolve("run.previous").resolve("run.json").toFile()).get("config")
                .get("seed").asLong());
        assertEquals(2, json.readTree(run.resolve("run.json").toFile()).get("config").get("seed").asLong());
    }

    @Test
    void eachDefaultRunGetsAFreshDirectory() throws Exception {
        LocalDateTime now = LocalDateTime.of(2026, 12, 4, 16, 30, 5);
        Path first = OutputDirectory.fresh(dir, "train", now);
        assertEquals(dir.resolve("train-20261204-163005"), first);
        Files.createDirectories(first);
        assertEquals(dir.resolve("train-20261204-163005-2"), OutputDirectory.fresh(dir, "train", now));
    }

    @Test
    void aHeldDirectoryIsRefusedNamingTheHolderAndAStaleLockIsTakenOver() throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, train(run).exitCode());
        try (RunLock held = RunLock.acquire(run, new PrintWriter(new StringWriter()))) {
            CliRunner resume = CliRunner.run("train", "--resume", run.toString(), "--steps", "60");
            assertEquals(2, resume.exitCode(), resume.err());
            assertTrue(resume.err().contains("is in use by process " + ProcessHandle.current().pid()), resume.err());
        }
        Files.writeString(run.resolve(RunLock.FILE), "999999999\n");
        CliRunner resume = CliRunner.run("train", "--resume", run.toString(), "--steps", "60");
        assertEquals(0, resume.exitCode(), resume.err());
        assertTrue(resume.out().contains("took over the lock of process 999999999"), resume.out());
        assertFalse(Files.exists(run.resolve(RunLock.FILE)));
    }

    /** SIGTERM in the middle of a run: one line, exit 143, a checkpoint at the step reached, and --resume goes on. */
    @Test
    void aTerminatedRunSaysWhereItStoppedAndResumes() throws Exception {
        Path run = dir.resolve("run");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dlae.data=" + System.getProperty("lae.data"), LaeCommand.class.getName(), "train",
                "--data", "synthetic:diag:n=60,m=600,seed=1", "--latent", "10", "--steps", "100000000",
                "--checkpoint-every", "0", "--log-every", "100", "--out", run.toString());
        Path stderr = dir.resolve("stderr.txt");
        builder.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(run.resolve("metrics.csv")) || Files.readAllLines(run.resolve("metrics.csv")).size() < 4) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "the run did not get going");
            Thread.sleep(100);
        }
        process.destroy();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the run did not stop");
        String err = Files.readString(stderr);
        assertEquals(143, process.exitValue(), err);
        assertTrue(err.contains("interrupted at step") && err.contains("--resume " + run), err);
        var json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals("interrupted", json.get("status").asText());
        long stopped = json.get("interrupted_at_step").asLong();
        assertTrue(stopped > 0, json.toString());
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "the lock went with the process");
        CliRunner resume = CliRunner.run("train", "--resume", run.toString(), "--steps", String.valueOf(stopped + 50));
        assertEquals(0, resume.exitCode(), resume.err());
        assertEquals(stopped + 50, new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("final")
                .get("steps").asLong());
    }
}
