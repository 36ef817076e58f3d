package io.lae.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lae.LaeException;
import io.lae.data.DataFingerprint;
import io.lae.io.AtomicFiles;
import io.lae.io.Npy;
import io.lae.io.NpyReader;
import io.lae.io.Sha256Stream;
import io.lae.train.Checkpoint;
import io.lae.train.FittedWeights;
import io.lae.train.MetricsRow;
import io.lae.train.Model;
import io.lae.train.RunStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The files of one run (README, Commands): {@code run.json}, {@code metrics.csv}, {@code encoder.npy},
 * {@code decoder.npy} and {@code checkpoint/}. Every file is replaced atomically (written beside,
 * then renamed), so a killed run never leaves a half-written file.
 */
public final class RunDirectory {

    /** The run description. */
    public static final String RUN_JSON = "run.json";
    /** One row per logged step. */
    public static final String METRICS_CSV = "metrics.csv";
    private static final String CHECKPOINT = "checkpoint";
    /** Writes indented JSON; reads run.json strictly: 5.5 is no step count, null no number, 3 no status. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    /** run.json's entries for the data's and the targets' fingerprints, and for the hashes of the files kept. */
    static final String DATA_FINGERPRINT = "data_fingerprint";
    static final String TARGETS_FINGERPRINT = "targets_fingerprint";
    static final String FILES = "files";
    /** run.json's entry for the components' variances, and within it each code's standard deviation. */
    static final String COMPONENTS = "components";
    static final String CODE_STD = "code_std";

    private final Path dir;
    private DataFingerprint dataFingerprint;
    private DataFingerprint targetsFingerprint;
    /** The SHA-256 of each file {@code lae encode} reads (weights, means), as this process wrote it. */
    private final Map<String, String> kept = new TreeMap<>();

    /**
     * @param dir the run's directory, created if missing
     */
    public RunDirectory(Path dir) {
        try {
            this.dir = Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot create the output directory (" + e.getMessage() + ")", e);
        }
    }

    /** @return the directory */
    public Path path() {
        return dir;
    }

    /**
     * Names what the run trains on; every later run.json records it, and {@link #requireSameData} checks a resumed
     * run against it.
     *
     * @param data    the data's fingerprint
     * @param targets the targets' fingerprint, or null for an autoencoder
     */
    public void recordData(DataFingerprint data, DataFingerprint targets) {
        this.dataFingerprint = data;
        this.targetsFingerprint = targets;
    }

    /**
     * Refuses to continue a run on other data than it started on: the fingerprints its run.json records must be of
     * the same bytes as those just taken. A run.json written before lae recorded fingerprints is not checked.
     *
     * @param runDir  a run directory
     * @param data    the data's fingerprint now
     * @param targets the targets' fingerprint now, or null
     * @param source  the data source as configured, for the message
     * @throws LaeException "different data: …" naming both fingerprints
     */
    public static void requireSameData(Path runDir, DataFingerprint data, DataFingerprint targets, String source) {
        Path file = runDir.resolve(RUN_JSON);
        JsonNode root = readJson(file);
        compare(file, root, DATA_FINGERPRINT, data, source);
        compare(file, root, TARGETS_FINGERPRINT, targets, "the targets");
    }

    private static void compare(Path file, JsonNode root, String field, DataFingerprint now, String source) {
        JsonNode recorded = root.get(field);
        if (recorded == null || now == null) {
            return;
        }
        DataFingerprint then = fingerprint(file, field, recorded);
        if (!then.sameData(now)) {
            throw new LaeException("different data: " + source + " is now " + now.describe() + ", but the run in "
                    + file.getParent() + " started on " + then.describe() + ": give it the data it started on, or "
                    + "train a new run");
        }
    }

    private static DataFingerprint fingerprint(Path file, String field, JsonNode node) {
        try {
            return JSON.treeToValue(node, DataFingerprint.class);
        } catch (JsonProcessingException e) {
            // the record's own check, or Jackson's account of a wrong type
            String why = e.getCause() instanceof IllegalArgumentException bad ? bad.getMessage() : e.getOriginalMessage();
            throw new LaeException(file + ": \"" + field + "\" is not a data fingerprint (" + why + "): not a "
                    + "run.json lae wrote; restore it, or start a new run", e);
        }
    }

    /**
     * Writes {@code run.json}.
     *
     * @param config      the configuration
     * @param status      {@code running}, {@code finished}, {@code stopped} or {@code diverged}
     * @param environment versions, backend and device
     * @param extra       further top-level entries (ground truth, optimum, read-outs); may be empty
     * @param last        the final metrics, or null while running
     */
    public void writeRunJson(TrainingConfig config, RunStatus status, Map<String, Object> environment,
                             Map<String, Object> extra, MetricsRow last) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", config);
        root.put("status", status.label());
        root.put("environment", environment);
        if (dataFingerprint != null) {
            root.put(DATA_FINGERPRINT, dataFingerprint);
        }
        if (targetsFingerprint != null) {
            root.put(TARGETS_FINGERPRINT, targetsFingerprint);
        }
        if (!kept.isEmpty()) {
            root.put(FILES, kept);
        }
        root.putAll(extra);
        if (last != null) {
            Map<String, Object> fin = new LinkedHashMap<>();
            for (String column : MetricsRow.COLUMNS) {
                double v = last.get(column);
                fin.put(column.equals("step") ? "steps" : column, Double.isNaN(v) ? null
                        : column.equals("step") ? (Object) (long) v : v);
            }
            root.put("final", fin);
        }
        try {
            AtomicFiles.writeString(dir.resolve(RUN_JSON), JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param runDir a run directory
     * @return the configuration in its {@code run.json}
     * @throws LaeException if there is none or it cannot be read
     */
    public static TrainingConfig readConfig(Path runDir) {
        Path file = runDir.resolve(RUN_JSON);
        if (!Files.isRegularFile(file)) {
            throw new LaeException(file + ": no such file: give the directory of an earlier 'lae train' run");
        }
        JsonNode root = readJson(file);
        JsonNode status = root.get("status");
        if (status == null || !status.isTextual() || RunStatus.fromLabel(status.asText()).isEmpty()) {
            throw new LaeException(file + ": \"status\" is " + status + ", not one of "
                    + java.util.Arrays.stream(RunStatus.values()).map(RunStatus::label).toList()
                    + ": not a run.json lae wrote; restore it or start a new run");
        }
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw new LaeException(file + ": has no \"config\" object: not the run.json of a 'lae train' run");
        }
        try {
            return JSON.treeToValue(config, TrainingConfig.class);
        } catch (JsonProcessingException e) {
            String why = e.getCause() instanceof LaeException bad ? bad.getMessage() : e.getOriginalMessage();
            throw new LaeException(file + ": \"config\" is not a valid run configuration (" + why + ")", e);
        }
    }

    /**
     * @param runDir a run directory
     * @return the status in its {@code run.json} ({@code running}, {@code finished}, {@code stopped},
     *     {@code diverged}), or empty when it has no readable run.json
     */
    public static Optional<RunStatus> readStatus(Path runDir) {
        Path file = runDir.resolve(RUN_JSON);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return RunStatus.fromLabel(JSON.readTree(file.toFile()).path("status").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param runDir a run directory whose {@code run.json} says {@code diverged}
     * @return the step at which it diverged, or -1 if run.json does not say
     */
    public static long readDivergedStep(Path runDir) {
        try {
            return JSON.readTree(runDir.resolve(RUN_JSON).toFile()).path("diverged_at_step").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** @return whether a checkpoint has been written (possibly interrupted between its two renames) */
    public boolean hasCheckpoint() {
        return Files.isDirectory(dir.resolve(CHECKPOINT)) || Files.isDirectory(dir.resolve(CHECKPOINT + ".old"));
    }

    /**
     * Appends a row to {@code metrics.csv}, writing the header first if the file is new. The file is
     * opened without following links, so a link planted in its place is refused, not written through.
     *
     * @param row the metrics
     */
    public void appendMetrics(MetricsRow row) {
        Path file = dir.resolve(METRICS_CSV);
        try {
            boolean fresh = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            byte[] bytes = csv(fresh, List.of(row)).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    LinkOption.NOFOLLOW_LINKS)) {
                if (CrashPoint.due(CrashPoint.Window.METRICS_APPEND)) {
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    CrashPoint.halt();
                }
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new LaeException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** @return the rows as CSV text, after the header when asked */
    private static String csv(boolean header, List<MetricsRow> rows) throws IOException {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            if (header) {
                printer.printRecord(MetricsRow.COLUMNS);
            }
            for (MetricsRow row : rows) {
                printer.printRecord(cells(row));
            }
        }
        return text.toString();
    }

    private static List<String> cells(MetricsRow row) {
        List<String> cells = new ArrayList<>();
        double[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            cells.add(Double.isNaN(v) ? "" : i == 0 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.17g", v));
        }
        return cells;
    }

    /** @return the rows of {@code metrics.csv} (empty if there is none) */
    public List<MetricsRow> readMetrics() {
        Path file = dir.resolve(METRICS_CSV);
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read the metrics (" + e.getMessage() + ")", e);
        }
    }

    private static List<MetricsRow> parse(Path file, String text) {
        List<MetricsRow> rows = new ArrayList<>();
        try (Reader reader = new StringReader(text)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(reader)) {
                double[] values = new double[MetricsRow.COLUMNS.size()];
                for (int i = 0; i < values.length; i++) {
                    // a column lae added after the file was written (longest_streak) reads as not computed
                    String column = MetricsRow.COLUMNS.get(i);
                    String cell = record.isMapped(column) ? record.get(column) : "";
                    values[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                }
                rows.add(MetricsRow.of(values));
            }
        } catch (IOException | RuntimeException e) {
            throw new LaeException(file + ": cannot read the metrics (" + e.getMessage() + ")", e);
        }
        return rows;
    }

    /**
     * Drops the rows logged after a step, and a last row that a crash or a full disk cut short (used on
     * resume: they will be logged again). The file is replaced atomically; with no row left it is removed,
     * to be started again with its header.
     *
     * @param lastStep the last step to keep, -1 for none
     */
    public void truncateMetrics(long lastStep) {
        Path file = dir.resolve(METRICS_CSV);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            String text = Files.readString(file);
            int end = text.lastIndexOf('\n') + 1; // a last line without its newline was cut short
            List<MetricsRow> keep = parse(file, text.substring(0, end)).stream().filter(r -> r.step() <= lastStep)
                    .toList();
            if (keep.isEmpty()) {
                Files.delete(file);
            } else {
                AtomicFiles.writeString(file, csv(true, keep));
            }
        } catch (IOException e) {
            throw new LaeException(file + ": cannot cut the metrics back to step " + lastStep + " (" + e.getMessage()
                    + ")", e);
        }
    }

    /** The training data's mean μ (length n'), kept when the run centred its data. */
    public static final String MEAN = "mean.npy";
    /** The targets' mean μ' (length n) of a centred regression. */
    public static final String TARGET_MEAN = "mean_targets.npy";
    /** The final encoder B (p×n'). */
    public static final String ENCODER = "encoder.npy";
    /** The final decoder A (n×p). */
    public static final String DECODER = "decoder.npy";

    /**
     * Keeps the means a centred run subtracted, so its weights apply to new data ({@code lae encode}).
     *
     * @param stats the run's statistics
     */
    public void writeMeans(io.lae.stats.Statistics stats) {
        if (!stats.centered()) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keep(MEAN, stats.meanX());
        if (!stats.isAutoencoder()) {
            keep(TARGET_MEAN, stats.meanY());
        }
    }

    /**
     * @param config the run's configuration (whether it centred, whether Y ≠ X)
     * @return the final weights with the training means
     * @throws LaeException if a file is missing (the weights of an unfinished run, or the mean of a run written
     *     before lae kept it), or is not the file the run wrote
     */
    public FittedWeights readFitted(TrainingConfig config) {
        JsonNode root = readJson(dir.resolve(RUN_JSON));
        JsonNode files = root.path(FILES);
        for (String file : new String[] {ENCODER, DECODER}) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new LaeException(dir.resolve(file) + ": missing: the run has not finished (resume it with "
                        + "'lae train --resume " + dir + "')");
            }
        }
        INDArray mean = null;
        INDArray targetMean = null;
        if (config.center()) {
            if (!Files.isRegularFile(dir.resolve(MEAN))) {
                throw new LaeException(dir.resolve(MEAN) + ": missing: the run centred its data but was written "
                        + "before lae kept the mean; train it again to apply it to new data");
            }
            mean = readKept(dir, files, MEAN);
            targetMean = config.targets() == null ? mean : readKept(dir, files, TARGET_MEAN);
        }
        return new FittedWeights(readKept(dir, files, ENCODER), readKept(dir, files, DECODER), mean, targetMean,
                codeStd(root));
    }

    /** @return the codes' standard deviations run.json records, or null for a run.json without them */
    private INDArray codeStd(JsonNode root) {
        JsonNode std = root.path(COMPONENTS).path(CODE_STD);
        if (std.isMissingNode()) {
            return null;
        }
        double[] values = new double[std.size()];
        for (int i = 0; i < values.length; i++) {
            if (!std.get(i).isNumber() || !(std.get(i).asDouble() >= 0)) {
                throw new LaeException(dir.resolve(RUN_JSON) + ": \"" + COMPONENTS + "." + CODE_STD + "\" holds "
                        + std.get(i) + ", not a standard deviation: restore run.json, or train the run again");
            }
            values[i] = std.get(i).asDouble();
        }
        return Nd4j.createFromArray(values);
    }

    /**
     * Writes the weights as {@code encoder.npy} and {@code decoder.npy} (float64).
     *
     * @param model the weights
     */
    public void writeWeights(Model model) {
        keep(ENCODER, model.encoder());
        CrashPoint.at(CrashPoint.Window.FINAL_WEIGHTS);
        keep(DECODER, model.decoder());
    }

    /** Writes one of the files {@code lae encode} reads, float64, and notes its SHA-256 for run.json. */
    private void keep(String name, INDArray array) {
        Path file = dir.resolve(name);
        Npy.write(file, array);
        try {
            kept.put(name, Sha256Stream.ofFile(file).hex());
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read back what lae wrote (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads one of the files the run kept, refusing one that is not the file the run wrote (another run's weights
     * copied in, a mean edited by hand): its SHA-256 must be the one run.json records. Runs whose run.json records
     * none are read as they are.
     */
    private static INDArray readKept(Path dir, JsonNode files, String name) {
        Path file = dir.resolve(name);
        JsonNode recorded = files.get(name);
        if (recorded != null) {
            String now;
            try {
                now = Sha256Stream.ofFile(file).hex();
            } catch (IOException e) {
                throw new LaeException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (!now.equals(recorded.asText())) {
                throw new LaeException("different data: " + file + " is not the file this run wrote (sha256 " + now
                        + ", run.json records " + recorded.asText() + "): restore it, or train the run again");
            }
        }
        return Npy.read(file);
    }

    /**
     * Replaces the checkpoint atomically: writes a new directory beside it, then swaps it in.
     * Arrays keep their dtype, so a resumed float32 run continues bit for bit.
     *
     * @param checkpoint the state to save
     */
    public void writeCheckpoint(Checkpoint checkpoint) {
        Path fresh = dir.resolve(CHECKPOINT + ".new");
        Path old = dir.resolve(CHECKPOINT + ".old");
        try {
            deleteTree(fresh);
            Files.createDirectories(fresh.resolve("optimizer"));
            for (Map.Entry<String, INDArray> e : checkpoint.parameters().entrySet()) {
                write(fresh.resolve(fileName(e.getKey())), e.getValue());
                CrashPoint.at(CrashPoint.Window.CHECKPOINT_PART);
            }
            for (Map.Entry<String, INDArray> e : checkpoint.optimizerBuffers().entrySet()) {
                write(fresh.resolve("optimizer").resolve(fileName(e.getKey())), e.getValue());
            }
            Map<String, Object> position = new LinkedHashMap<>();
            position.put("step", checkpoint.step());
            position.put("seconds", checkpoint.seconds());
            position.put("parameters", checkpoint.parameters().keySet());
            position.put("optimizer_step", checkpoint.optimizerStep());
            position.put("optimizer_buffers", checkpoint.optimizerBuffers().keySet());
            AtomicFiles.writeString(fresh.resolve("position.json"), JSON.writeValueAsString(position));
            Path current = dir.resolve(CHECKPOINT);
            deleteTree(old);
            if (Files.exists(current)) {
                Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
                CrashPoint.at(CrashPoint.Window.CHECKPOINT_RENAMES);
            }
            Files.move(fresh, current, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot write the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @return the latest checkpoint
     * @throws LaeException if the directory has none
     */
    public Checkpoint readCheckpoint() {
        Path cp = dir.resolve(CHECKPOINT);
        if (!Files.isDirectory(cp) && Files.isDirectory(dir.resolve(CHECKPOINT + ".old"))) {
            cp = dir.resolve(CHECKPOINT + ".old"); // killed between the two renames
        }
        Path positionFile = cp.resolve("position.json");
        if (!Files.isRegularFile(positionFile)) {
            throw new LaeException(cp + ": no checkpoint (it is written every --checkpoint-every steps and at the end)");
        }
        JsonNode position = readJson(positionFile);
        long step = wholeNumber(position, "step", positionFile);
        long optimizerStep = wholeNumber(position, "optimizer_step", positionFile);
        if (!position.path("seconds").isNumber() || !position.path("optimizer_buffers").isArray()
                || position.has("parameters") && !position.get("parameters").isArray()) {
            throw new LaeException(positionFile + ": not a checkpoint's position (it needs step, seconds, optimizer_step "
                    + "and the lists optimizer_buffers and parameters)");
        }
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        for (var name : position.get("optimizer_buffers")) {
            buffers.put(name.asText(), readFinite(cp.resolve("optimizer").resolve(fileName(name.asText()))));
        }
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (String name : parameterNames(position)) {
            parameters.put(name, readFinite(cp.resolve(fileName(name))));
        }
        return new Checkpoint(step, position.get("seconds").asDouble(), parameters, optimizerStep, buffers);
    }

    /**
     * @param name a parameter's name ({@code encoder}, {@code decoder}, …)
     * @return the file of the current checkpoint that holds it
     */
    public Path checkpointFile(String name) {
        return dir.resolve(CHECKPOINT).resolve(fileName(name));
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new LaeException(file + ": not valid JSON (" + e.getOriginalMessage() + where + ")", e);
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static long wholeNumber(JsonNode node, String field, Path file) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
            throw new LaeException(file + ": '" + field + "' is " + (value == null ? "missing" : value.toString())
                    + ", not a step count: the checkpoint is damaged; restore it, or start the run anew with --force");
        }
        return value.asLong();
    }

    /** Reads a checkpoint array and refuses one holding NaN or infinite values (a damaged file). */
    private static INDArray readFinite(Path file) {
        INDArray array = read(file);
        if (array.isInfinite().any() || array.isNaN().any()) {
            throw new LaeException(file + ": holds NaN or infinite values: the checkpoint is damaged; restore it, or "
                    + "start the run anew with --force");
        }
        return array;
    }

    /** The parameters a checkpoint holds; checkpoints written before they were listed hold both weights. */
    private static List<String> parameterNames(JsonNode position) {
        if (!position.has("parameters")) {
            return List.of(Model.ENCODER, Model.DECODER);
        }
        List<String> names = new ArrayList<>();
        position.get("parameters").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** Names like "encoder/m" become file names like "encoder__m.npy". */
    private static String fileName(String buffer) {
        return buffer.replace("/", "__") + ".npy";
    }

    private static void write(Path file, INDArray array) {
        Npy.write(file, array, array.dataType() == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE);
    }

    /** Reads an array back in the dtype it was written in (float32 files come back as float32). */
    private static INDArray read(Path file) {
        try (NpyReader reader = new NpyReader(file)) {
            INDArray array = reader.readAll();
            return reader.header().descr().endsWith("f4") ? array.castTo(DataType.FLOAT) : array;
        }
    }

    /**
     * @param runDir a directory
     * @return whether it is missing, empty, or holds only what a run killed before it wrote its run.json leaves
     *     (its lock, the temporary file of its run.json): a run may start there from step 0 without losing
     *     anything. A run writes its run.json before any other file.
     */
    public static boolean holdsOnlyLeftovers(Path runDir) {
        if (!Files.isDirectory(runDir, LinkOption.NOFOLLOW_LINKS)) {
            return !Files.exists(runDir, LinkOption.NOFOLLOW_LINKS);
        }
        try (Stream<Path> entries = Files.list(runDir)) {
            return entries.map(p -> p.getFileName().toString()).allMatch(name -> name.equals(RunLock.FILE)
                    || AtomicFiles.isTemporaryOf(name, RUN_JSON));
        } catch (IOException e) {
            return false;
        }
    }


    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
