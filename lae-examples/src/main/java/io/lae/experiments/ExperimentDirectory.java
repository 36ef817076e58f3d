package io.lae.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lae.LaeException;
import io.lae.Precision;
import io.lae.io.AtomicFiles;
import io.lae.runs.OutputDirectory;
import io.lae.runs.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The directory of one experiment with one set of options: {@code experiment.json} names them, so that
 * the same command started again reads its finished runs back and resumes the others, while a
 * directory that holds another experiment, the same one with other options, or files that are not an
 * experiment's is refused in one line (or, with {@code --force}, moved aside to {@code DIR.previous}, or
 * {@code DIR.previous.N} when that exists: {@link OutputDirectory#moveAside}).
 *
 * @param id    the experiment
 * @param scale full or quick
 * @param seed  the seed given on the command line, or null for the paper's
 * @param dtype float32 or float64
 */
public record ExperimentDirectory(String id, ExperimentScale scale, Long seed, Precision dtype) {

    /** The marker file's name. */
    public static final String FILE = "experiment.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Makes {@code dir} this experiment's, before anything runs in it.
     *
     * @param dir     the output directory
     * @param force   whether to move a directory that holds something else aside
     * @param console where such a move is reported
     * @throws LaeException naming what the directory holds and what to do instead
     */
    public void claim(Path dir, boolean force, PrintWriter console) {
        RunLock.refuseIfHeld(dir);
        String conflict = conflict(dir);
        if (conflict != null) {
            if (!force) {
                throw new LaeException(dir + " " + conflict + ": use another --out, or add --force to move it to "
                        + OutputDirectory.asideName(dir).getFileName());
            }
            OutputDirectory.claim(dir, true, console);
        }
        write(dir);
    }

    /** @return what in {@code dir} belongs to something else, or null when it is empty or this experiment's */
    private String conflict(Path dir) {
        if (OutputDirectory.isEmpty(dir)) {
            return null;
        }
        Path marker = dir.resolve(FILE);
        Path summary = dir.resolve(Summary.JSON_FILE);
        if (!Files.isRegularFile(marker)) {
            // directories written before experiment.json existed: their summary names the experiment and scale
            JsonNode old = readQuietly(summary);
            boolean same = old != null && id.equals(old.path("id").asText())
                    && scale.label().equals(old.path("scale").asText());
            return same ? null : "holds files that are not this experiment's runs";
        }
        JsonNode held = readQuietly(marker);
        if (held == null) {
            return "has an unreadable " + FILE;
        }
        if (!id.equals(held.path("id").asText())) {
            return "holds the experiment " + held.path("id").asText();
        }
        Map<String, Object> mine = options();
        Map<String, Object> theirs = new LinkedHashMap<>();
        mine.keySet().forEach(key -> theirs.put(key, held.hasNonNull(key) ? held.get(key).asText() : null));
        Map<String, Object> mineText = new LinkedHashMap<>();
        mine.forEach((key, value) -> mineText.put(key, value == null ? null : String.valueOf(value)));
        return Objects.equals(mineText, theirs) ? null
                : "holds " + id + " with other options (" + theirs + ", now " + mineText + ")";
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("scale", scale.label());
        options.put("seed", seed);
        options.put("dtype", dtype.label());
        return options;
    }

    private void write(Path dir) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", id);
        root.putAll(options());
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot write " + FILE + " (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode readQuietly(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
