package io.lae.data;

import io.lae.LaeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST ({@code mnist}, {@code mnist-test}) and Fashion-MNIST ({@code fashion-mnist}) from IDX files
 * under the data folder, pixels scaled to [0, 1]. This class only reads: the command line's {@code lae fetch}
 * fetches missing files (from the npm registry and Debian's archive), on first use too
 * ({@link DataSources#fetchNeeded}); every file's SHA-256 is checked on load, against the
 * originals' or, when the folder holds a {@code SHA256SUMS} file ({@code sha256sum}'s format), against
 * the sums it lists: a subset of one's own (the test suite's fixture: the first 2000 training and 1000
 * test images of MNIST) declares its own.
 */
final class IdxDataSets {

    /** The names {@code --data} accepts for these sets. */
    static final List<String> NAMES = List.of("mnist", "mnist-test", "fashion-mnist");

    /** SHA-256 of the uncompressed original files. */
    static final Map<String, String> CHECKSUMS = Map.of(
            "mnist/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "mnist/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "mnist/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "mnist/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
            "fashion-mnist/train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "fashion-mnist/train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "fashion-mnist/t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "fashion-mnist/t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** A folder's own checksums, in {@code sha256sum}'s format. */
    static final String SUMS = "SHA256SUMS";

    private IdxDataSets() {
    }

    static DataSource open(String name, Path dataDir) {
        String folder = folder(name);
        String split = split(name);
        Path dir = dataDir.resolve(folder);
        Path imagesFile = locate(dir, split + "-images-idx3-ubyte");
        Path labelsFile = locate(dir, split + "-labels-idx1-ubyte");
        if (imagesFile == null || labelsFile == null) {
            throw new LaeException(name + ": IDX files not found under " + dir + ": run lae fetch " + folder
                    + " (or set LAE_DATA to the folder that holds " + folder + "/)");
        }
        Map<String, String> declared = declaredChecksums(dir);
        return of(name, imagesFile, labelsFile, checksum(declared, folder, split + "-images-idx3-ubyte"),
                checksum(declared, folder, split + "-labels-idx1-ubyte"));
    }

    /**
     * @param name    one of {@link #NAMES}
     * @param dataDir the data folder
     * @return the folder {@code lae fetch} takes to fetch the data set, when its files are not under
     *     {@code dataDir}; empty when they are
     */
    static Optional<String> missingFolder(String name, Path dataDir) {
        Path dir = dataDir.resolve(folder(name));
        boolean present = locate(dir, split(name) + "-images-idx3-ubyte") != null
                && locate(dir, split(name) + "-labels-idx1-ubyte") != null;
        return present ? Optional.empty() : Optional.of(folder(name));
    }

    private static String folder(String name) {
        return name.startsWith("fashion") ? "fashion-mnist" : "mnist";
    }

    private static String split(String name) {
        return name.endsWith("-test") ? "t10k" : "train";
    }

    /** @return the folder's {@code SHA256SUMS} as file name → SHA-256, or null when it has none */
    private static Map<String, String> declaredChecksums(Path dir) {
        Path file = dir.resolve(SUMS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, String> sums = new java.util.HashMap<>();
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2) {
                    sums.put(parts[1], parts[0].toLowerCase(java.util.Locale.ROOT));
                }
            }
            return sums;
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String checksum(Map<String, String> declared, String folder, String file) {
        if (declared == null) {
            return CHECKSUMS.get(folder + "/" + file);
        }
        String sum = declared.get(file);
        if (sum == null) {
            throw new LaeException(folder + "/" + SUMS + " lists no checksum for " + file + ": add its SHA-256, or "
                    + "remove " + SUMS + " to check the files against the originals");
        }
        return sum;
    }

    /**
     * @param name           the data set's name, for descriptions
     * @param imagesFile     the images IDX file (m × h × w unsigned bytes)
     * @param labelsFile     the labels IDX file (m unsigned bytes)
     * @param imagesChecksum the expected SHA-256 of the uncompressed images file
     * @param labelsChecksum the expected SHA-256 of the uncompressed labels file
     * @return the images as m × (h·w) rows of pixels/255, with their labels
     */
    static DataSource of(String name, Path imagesFile, Path labelsFile, String imagesChecksum, String labelsChecksum) {
        IdxFile images = verified(imagesFile, imagesChecksum);
        IdxFile labels = verified(labelsFile, labelsChecksum);
        int m = images.dimensions()[0];
        int pixels = images.data().length / Math.max(1, m);
        if (images.dimensions().length != 3 || labels.dimensions().length != 1 || labels.dimensions()[0] != m) {
            throw new LaeException(imagesFile + " and " + labelsFile + " do not match (images "
                    + java.util.Arrays.toString(images.dimensions()) + ", labels "
                    + java.util.Arrays.toString(labels.dimensions()) + "); delete them and re-fetch them with lae fetch");
        }
        float[] values = new float[images.data().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = images.data()[i] & 0xff;
        }
        var rows = Nd4j.createFromArray(values).reshape(m, pixels).castTo(DataType.DOUBLE).divi(255.0);
        int[] classes = new int[m];
        for (int i = 0; i < m; i++) {
            classes[i] = labels.data()[i] & 0xff;
        }
        return new InMemorySource(name + " (" + m + "×" + pixels + ", pixels/255)", rows, classes,
                new DataFingerprint(images.sha256(), images.size(), m, DataFingerprint.Content.FILE));
    }

    private static IdxFile verified(Path file, String checksum) {
        IdxFile idx = IdxFile.read(file);
        if (checksum != null && !checksum.equals(idx.sha256())) {
            throw new LaeException(file + ": SHA-256 " + idx.sha256() + " is not the original's; delete it and "
                    + "re-fetch with lae fetch");
        }
        return idx;
    }

    private static Path locate(Path dir, String base) {
        for (Path candidate : List.of(dir.resolve(base), dir.resolve(base + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
