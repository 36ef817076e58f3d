package io.lae.data;

import io.lae.LaeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Opens a data source from its README, Commands name. */
public final class DataSources {

    /** What {@code --data} accepts, for error messages. */
    public static final String FORMS = "a .npy or .csv path, mnist, mnist-test, fashion-mnist, "
            + "synthetic:diag:n=N,m=M[,seed=S], synthetic:haar:n=N,m=M,sv=LIST|linear[,seed=S] or "
            + "synthetic:bao:n=N,m=M[,seed=S]";

    /** A synthetic source that takes only its size and seed. */
    private interface SizedDraw {
        DataSource draw(int n, int m, long seed);
    }

    /** The synthetic sources named {@code PREFIX n=N,m=M[,seed=S]}, by prefix. */
    private static final Map<String, SizedDraw> DRAWN_BY_SIZE = Map.of("synthetic:diag:", SyntheticData::diagonal,
            "synthetic:bao:", SyntheticData::bao);

    private DataSources() {
    }

    /** @return the data folder: system property {@code lae.data}, else env {@code LAE_DATA}, else {@code ./data} */
    public static Path defaultDataDir() {
        String dir = System.getProperty("lae.data", System.getenv("LAE_DATA"));
        return Path.of(dir != null ? dir : "data");
    }

    /**
     * @param spec    a data source, as {@link #open} takes it
     * @param dataDir where MNIST-style data sets live
     * @return the argument of {@code lae fetch} that fetches {@code spec}'s files, when it names a data set
     *     (mnist, mnist-test, fashion-mnist) whose files are not under {@code dataDir}; empty otherwise. lae-core
     *     never fetches: {@link #open} reports the missing files instead.
     */
    public static Optional<String> fetchNeeded(String spec, Path dataDir) {
        return IdxDataSets.NAMES.contains(spec) ? IdxDataSets.missingFolder(spec, dataDir) : Optional.empty();
    }

    /**
     * @param description a one-line description for logs
     * @param rows        samples as rows (m×n), float64, already in memory
     * @return them as a data source whose chunks are views of {@code rows}
     */
    public static DataSource inMemory(String description, INDArray rows) {
        return new InMemorySource(description, rows, null, null);
    }

    /**
     * @param spec    a path ending in .npy or .csv, {@code mnist}, {@code mnist-test}, {@code fashion-mnist},
     *                {@code synthetic:diag:n=N,m=M[,seed=S]}, {@code synthetic:haar:n=N,m=M,sv=LIST|linear[,seed=S]}
     *                (LIST: comma-separated singular values, e.g. sv=3,2,1) or {@code synthetic:bao:n=N,m=M[,seed=S]}
     * @param dataDir where MNIST-style data sets live (see {@link #defaultDataDir()})
     * @return the source; a CSV file's first row is a header when it holds a text that is not a number
     * @throws LaeException for an unknown or malformed spec, or a missing file
     */
    public static DataSource open(String spec, Path dataDir) {
        return open(spec, dataDir, CsvHeader.AUTO);
    }

    /**
     * @param spec      as {@link #open(String, Path)} takes it
     * @param dataDir   where MNIST-style data sets live
     * @param csvHeader whether a CSV file's first row is a header
     * @return the source
     * @throws LaeException for an unknown or malformed spec, or a missing file
     */
    public static DataSource open(String spec, Path dataDir, CsvHeader csvHeader) {
        if (spec.endsWith(".npy")) {
            return new NpySource(Path.of(spec));
        }
        if (spec.endsWith(".csv")) {
            return CsvFiles.read(Path.of(spec), csvHeader);
        }
        if (IdxDataSets.NAMES.contains(spec)) {
            return IdxDataSets.open(spec, dataDir);
        }
        for (var drawn : DRAWN_BY_SIZE.entrySet()) {
            if (spec.startsWith(drawn.getKey())) {
                Map<String, String> p = parameters(spec, drawn.getKey(), Set.of("n", "m", "seed"));
                int n = positive(p, "n", spec);
                int m = positive(p, "m", spec);
                requireHeapFor(spec, m, n);
                return drawn.getValue().draw(n, m, seed(p, spec));
            }
        }
        if (spec.startsWith("synthetic:haar:")) {
            Map<String, String> p = parameters(spec, "synthetic:haar:", Set.of("n", "m", "sv", "seed"));
            int n = positive(p, "n", spec);
            int m = positive(p, "m", spec);
            double[] singularValues = singularValues(p, Math.min(n, m), spec);
            requireHeapFor(spec, m, n);
            return SyntheticData.haar(n, m, singularValues, seed(p, spec));
        }
        throw new LaeException("unknown data source '" + spec + "': use " + FORMS);
    }

    /**
     * Data must be a regular file: a FIFO would block the reading forever, a device would never end, a directory
     * holds no rows.
     *
     * @param file a data file's path
     * @throws LaeException naming what the path is instead, or that it does not exist
     */
    public static void requireRegularFile(Path file) {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (!Files.exists(file)) {
            throw new LaeException(file + ": file not found; check the path");
        }
        String what = Files.isDirectory(file) ? "a directory" : "not a regular file (a pipe, socket or device)";
        throw new LaeException(file + ": " + what + "; give the path of a data file (lae reads it twice or more, "
                + "so it cannot stream from a pipe)");
    }

    /**
     * A synthetic source is generated in the Java heap (m×n doubles, then a flat copy of them) before it
     * moves out of it:
     * refuses one that cannot fit, before generating it, instead of an {@link OutOfMemoryError}.
     */
    private static void requireHeapFor(String spec, int m, int n) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        double needed = 16.0 * m * n + 16.0 * m;
        if (needed > free) {
            throw new LaeException(String.format(java.util.Locale.ROOT, "%s: generating %d×%d samples needs %.1f GB "
                    + "of Java heap, %.1f GB are free: use fewer rows (m), write the data to a .npy file (it streams), "
                    + "or give Java more heap (java -Xmx%dg -jar lae.jar …, or LAE_JAVA_OPTS=-Xmx%<dg ./lae …)", spec, m, n, needed / 1e9,
                    free / 1e9, (long) Math.ceil(1.25 * needed / (1L << 30))));
        }
    }

    /** Splits {@code a=1,b=2,sv=3,2,1}: a token without '=' continues the previous value. */
    private static Map<String, String> parameters(String spec, String prefix, Set<String> allowed) {
        Map<String, String> params = new LinkedHashMap<>();
        String last = null;
        for (String token : spec.substring(prefix.length()).split(",")) {
            int eq = token.indexOf('=');
            if (eq < 0 && last != null) {
                params.put(last, params.get(last) + "," + token.strip());
                continue;
            }
            String key = eq < 0 ? token.strip() : token.substring(0, eq).strip();
            if (eq < 0 || !allowed.contains(key)) {
                throw new LaeException("'" + spec + "': unknown parameter '" + key + "' (this source takes "
                        + String.join(", ", allowed) + ")");
            }
            params.put(key, token.substring(eq + 1).strip());
            last = key;
        }
        return params;
    }

    private static int positive(Map<String, String> p, String key, String spec) {
        String value = p.get(key);
        if (value == null) {
            throw new LaeException("'" + spec + "' needs " + key + "=… (e.g. " + key + "=100)");
        }
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaeException("'" + spec + "': " + key + " must be a positive integer, got '" + value + "'");
    }

    private static long seed(Map<String, String> p, String spec) {
        try {
            return Long.parseLong(p.getOrDefault("seed", "0"));
        } catch (NumberFormatException e) {
            throw new LaeException("'" + spec + "': seed must be an integer, got '" + p.get("seed") + "'");
        }
    }

    private static double[] singularValues(Map<String, String> p, int maxCount, String spec) {
        String value = p.get("sv");
        if (value == null) {
            throw new LaeException("'" + spec + "' needs sv=LIST (e.g. sv=3,2,1) or sv=linear");
        }
        if (value.equals("linear")) {
            double[] sv = new double[maxCount];
            for (int i = 0; i < maxCount; i++) {
                sv[i] = i + 1;
            }
            return sv;
        }
        try {
            return java.util.Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new LaeException("'" + spec + "': sv must be numbers separated by commas or 'linear', got '" + value + "'");
        }
    }
}
