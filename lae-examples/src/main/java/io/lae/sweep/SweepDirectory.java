package io.lae.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lae.LaeException;
import io.lae.io.AtomicFiles;
import io.lae.runs.OutputDirectory;
import io.lae.runs.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory of one study: {@code sweep.json} records its plan (every run's name and configuration) and
 * {@code study.toml} the file it was read from, so that the same study started again resumes there, while a
 * directory holding another plan (the study file changed), or files that are not a study's, is refused in one line,
 * or with {@code --force} moved aside whole to {@code DIR.previous} ({@link OutputDirectory#moveAside}). Nothing is
 * deleted; a changed comment or layout of the file is no change of plan.
 */
final class SweepDirectory {

    /** The marker holding the plan. */
    static final String FILE = "sweep.json";
    /** The study file as it was read. */
    static final String STUDY = "study.toml";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepDirectory() {
    }

    /**
     * Makes {@code dir} this study's, before anything runs in it.
     *
     * @param dir     the study's directory
     * @param study   the study
     * @param text    its file's text, kept as {@code study.toml}
     * @param force   whether a directory holding something else is moved aside
     * @param console where such a move is reported
     * @throws LaeException naming what the directory holds and what to do instead
     */
    static void claim(Path dir, Study study, String text, boolean force, PrintWriter console) {
        RunLock.refuseIfHeld(dir);
        JsonNode plan = plan(study);
        String conflict = conflict(dir, plan);
        if (conflict != null) {
            if (!force) {
                throw new LaeException(dir + " " + conflict + ": use another --out, or add --force to move it to "
                        + OutputDirectory.asideName(dir).getFileName());
            }
            OutputDirectory.claim(dir, true, console);
        }
        try {
            Files.createDirectories(dir);
            ObjectNode root = JSON.createObjectNode();
            root.set("plan", plan);
            AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(root));
            AtomicFiles.writeString(dir.resolve(STUDY), text);
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot write " + FILE + " (" + e.getMessage() + ")", e);
        }
    }

    /** @return every run's name and configuration, as read back from text */
    private static JsonNode plan(Study study) {
        ObjectNode plan = JSON.createObjectNode();
        study.runs().forEach(r -> plan.set(r.name(), JSON.valueToTree(r.config())));
        try {
            return JSON.readTree(JSON.writeValueAsString(plan));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what in {@code dir} belongs to something else, or null when it is empty or this study's */
    private static String conflict(Path dir, JsonNode plan) {
        if (OutputDirectory.isEmpty(dir)) {
            return null;
        }
        Path marker = dir.resolve(FILE);
        JsonNode read;
        try {
            read = Files.isRegularFile(marker) ? JSON.readTree(marker.toFile()).get("plan") : null;
        } catch (IOException e) {
            read = null;
        }
        JsonNode held = read;
        if (held == null) {
            return Files.exists(marker) ? "has an unreadable " + FILE : "holds files that are not a study's";
        }
        if (held.equals(plan)) {
            return null;
        }
        List<String> changed = new ArrayList<>();
        plan.properties().forEach(e -> {
            if (!e.getValue().equals(held.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        });
        held.fieldNames().forEachRemaining(name -> {
            if (!plan.has(name)) {
                changed.add(name);
            }
        });
        return "holds a study with another plan (the study file changed: " + changed.size() + " runs differ, e.g. '"
                + changed.getFirst() + "')";
    }
}
