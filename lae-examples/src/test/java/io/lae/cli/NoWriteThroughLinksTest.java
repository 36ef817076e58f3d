package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.runs.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symbolic link planted in place of a file lae writes, pointing outside what the user named: lae replaces
 * the link or refuses it, and never writes through it, so the file outside stays as it was.
 */
class NoWriteThroughLinksTest {

    private static final String DATA = "synthetic:diag:n=12,m=300,seed=1";

    @TempDir
    Path dir;

    /** Replaces each file under {@code run} by a link to a copy outside, and returns the copies with their bytes. */
    private Map<Path, byte[]> plantLinks(Path run) throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Map<Path, byte[]> targets = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(run)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path file : files) {
            Path target = outside.resolve(run.relativize(file).toString().replace('/', '_'));
            Files.move(file, target);
            Files.createSymbolicLink(file, target);
            targets.put(target, Files.readAllBytes(target));
        }
        return targets;
    }

    private static void assertUntouched(Map<Path, byte[]> targets) throws IOException {
        for (Map.Entry<Path, byte[]> target : targets.entrySet()) {
            assertArrayEquals(target.getValue(), Files.readAllBytes(target.getKey()), target.getKey() + " was written");
        }
    }

    @Test
    void aResumedRunReplacesLinksInsteadOfWritingThroughThem() throws IOException {
        Path run = dir.resolve("run");
        CliRunner first = CliRunner.run("train", "--data", DATA, "--latent", "3", "--steps", "40", "--checkpoint-every",
                "10", "--out", run.toString());
        assertEquals(0, first.exitCode(), first.err());
        Map<Path, byte[]> targets = plantLinks(run);
        List<String> planted = targets.keySet().stream().map(p -> p.getFileName().toString()).toList();
        for (String expected : List.of("run.json", "metrics.csv", "encoder.npy", "decoder.npy", "mean.npy",
                "checkpoint_position.json", "checkpoint_encoder.npy", "loss.png")) {
            assertTrue(planted.contains(expected), expected + " among " + planted);
        }

        CliRunner resumed = CliRunner.run("train", "--resume", run.toString(), "--steps", "60");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertUntouched(targets);
        for (String written : List.of("run.json", "metrics.csv", "encoder.npy", "decoder.npy", "loss.png",
                "checkpoint/position.json", "checkpoint/encoder.npy")) {
            assertFalse(Files.isSymbolicLink(run.resolve(written)), written + " is still the planted link");
        }
    }

    @Test
    void aLockFileThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws IOException {
        Path run = trainedRun();
        Path precious = Files.writeString(dir.resolve("precious.txt"), "the user's file\n");
        Files.createSymbolicLink(run.resolve(RunLock.FILE), precious);
        CliRunner resumed = CliRunner.run("train", "--resume", run.toString(), "--steps", "30");
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertEquals(1, resumed.errLines().length, resumed.err());
        assertTrue(resumed.err().contains(RunLock.FILE + " is a symbolic link"), resumed.err());
        assertEquals("the user's file\n", Files.readString(precious));
    }

    @Test
    void statisticsAndCodesReplaceALinkNamedByOutWithForce() throws IOException {
        Path run = trainedRun();
        Path outsideStats = Files.writeString(dir.resolve("outside.npz"), "not to be written\n");
        Path outsideCodes = Files.writeString(dir.resolve("outside.npy"), "not to be written either\n");
        Path stats = Files.createSymbolicLink(dir.resolve("stats.npz"), outsideStats);
        Path codes = Files.createSymbolicLink(dir.resolve("codes.npy"), outsideCodes);

        CliRunner refused = CliRunner.run("stats", "--data", DATA, "--out", stats.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals(0, CliRunner.run("stats", "--data", DATA, "--out", stats.toString(), "--force").exitCode());
        assertEquals(0, CliRunner.run("encode", "--run", run.toString(), "--data", DATA, "--out", codes.toString(),
                "--force").exitCode());
        assertEquals("not to be written\n", Files.readString(outsideStats));
        assertEquals("not to be written either\n", Files.readString(outsideCodes));
        assertFalse(Files.isSymbolicLink(stats) || Files.isSymbolicLink(codes), "the links were replaced by the files");
    }

    /** @return a finished 20-step run in {@code dir/run} */
    private Path trainedRun() {
        Path run = dir.resolve("run");
        assertEquals(0, CliRunner.run("train", "--data", DATA, "--latent", "3", "--steps", "20", "--out",
                run.toString()).exitCode());
        return run;
    }
}
