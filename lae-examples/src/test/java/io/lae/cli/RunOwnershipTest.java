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
    void forceKeepsEveryEarlierRunAndDeletesNothing() throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, train(run, "--seed", "1").exitCode());
        Path backup = Files.writeString(Files.createDirectories(dir.resolve("run.previous")).resolve("backup.txt"),
                "the user's backup\n");
        CliRunner second = train(run, "--seed", "2", "--force");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("to " + dir.resolve("run.previous.2")), second.out());
        assertEquals(0, train(run, "--seed", "3", "--force").exitCode());
        assertEquals("the user's backup\n", Files.readString(backup));
        ObjectMapper json = new ObjectMapper();
        assertEquals(1, json.readTree(dir.resolve("run.previous.2/run.json").toFile()).at("/config/seed").asLong());
        assertEquals(2, json.readTree(dir.resolve("run.previous.3/run.json").toFile()).at("/config/seed").asLong());
        assertEquals(3, json.readTree(run.resolve("run.json").toFile()).at("/config/seed").asLong());
    }

    @Test
    void forceRefusesToMoveADirectoryHoldingARunningRun() throws Exception {
        Path parent = dir.resolve("parent");
        Path running = parent.resolve("running");
        try (RunLock held = RunLock.acquire(running, new PrintWriter(new StringWriter()))) {
            CliRunner forced = train(parent, "--force");
            assertEquals(2, forced.exitCode(), forced.err());
            assertEquals(1, forced.errLines().length, forced.err());
            assertTrue(forced.err().contains(running + " is a run that a live process holds"), forced.err());
            assertTrue(Files.exists(running.resolve(RunLock.FILE)) && !Files.exists(dir.resolve("parent.previous")),
                    "nothing moved");
        }
    }

    @Test
    void theRootDirectoryIsRefusedNamingIt() {
        for (CliRunner refused : List.of(train(Path.of("/")), train(Path.of("/"), "--force"))) {
            assertEquals(2, refused.exitCode(), refused.err());
            assertEquals(1, refused.errLines().length, refused.err());
            assertTrue(refused.err().contains("/ is the root directory") && !refused.err().contains("null"),
                    refused.err());
        }
    }

    @Test
    void eachDefaultRunGetsAFreshDirectory() throws Exception {
        LocalDateTime now = LocalDateTime.of(2026, 12, 4, 16, 30, 5);
        Path first = OutputDirectory.fresh(dir, "train", now);
        assertEquals(dir.resolve("train-20261204-163005"), first);
        assertTrue(Files.isDirectory(first), "made at once, so a run started in the same second cannot take it");
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
        Process process = LaeProcess.start(dir, List.of(), "train",
                "--data", "synthetic:diag:n=60,m=600,seed=1", "--latent", "10", "--steps", "100000000",
                "--checkpoint-every", "0", "--log-every", "100", "--out", run.toString());
        Path stderr = dir.resolve("stderr.txt");
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
