package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data that cannot teach anything are refused in one line; a covariance of rank below p gets one warning. */
class DegenerateDataTest {

    @TempDir
    Path dir;

    private CliRunner train(String csv, String... latent) throws Exception {
        Path data = dir.resolve("x.csv");
        Files.writeString(data, csv);
        return CliRunner.run("train", "--data", data.toString(), "--latent", latent.length > 0 ? latent[0] : "2",
                "--steps", "20", "--out", dir.resolve("run").toString());
    }

    @Test
    void oneRowIsRefused() throws Exception {
        CliRunner r = train("1,2,3\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("1 sample: a covariance needs at least 2"), r.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    @Test
    void identicalRowsAreRefused() throws Exception {
        CliRunner r = train("1,2,3\n1,2,3\n1,2,3\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("every sample is the same (no variance once the mean is subtracted)"), r.err());
    }

    @Test
    void aRankBelowTheLatentSizeIsWarnedAbout() throws Exception {
        // 3 centred rows in n = 5 span at most 2 directions; p = 4
        CliRunner r = train("1,0,0,2,1\n0,1,0,1,3\n0,0,1,5,2\n", "4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("the covariance has rank 2 < p = 4: only 2 principal directions exist, so 2 "
                + "decoder columns are not determined"), r.out());
        assertEquals(1, r.out().lines().filter(line -> line.startsWith("warning:")).count(), r.out());
    }
}
