package io.lae.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.lae.LaeException;
import io.lae.runs.TrainingConfig;
import io.lae.train.MetricsRow;
import io.lae.train.StopTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study file (README, Studies): TOML whose keys are {@code lae train}'s long option names without their dashes.
 * Settings at the top level and in {@code [fixed]} hold for every run; each key of {@code [grid]} is an axis, a
 * list of values, and the runs are the product of the axes (the first outermost); each {@code [[runs]]} table is a
 * listed combination of settings (with an optional {@code name}), crossed with the grid; each {@code [[set]]} table
 * overrides settings in the runs its {@code when} table matches (a value, or a list of values any of which matches;
 * {@code run} matches a listed combination's name); {@code [stop] axis} stops each series along that axis at its first
 * run that misses its {@code until} target or diverges; {@code [summary]} names the metric drawn against the step
 * ({@code metric}) and the targets whose steps and seconds the summary reports ({@code targets}).
 *
 * <p>Every run's settings become a {@link TrainingConfig} as {@code lae train} makes one, validated by it, before any
 * work starts: an unknown key, a bad value or an empty axis is one line naming the key.
 */
public final class StudyFile {

    /** The options of lae sweep itself, which a study file does not set. */
    private static final Set<String> SWEEP_OPTIONS = Set.of("out", "force", "resume", "parallel", "figure-format", "dpi",
            "backend", "debug");
    private static final String TABLES = "the tables [fixed], [grid], [[runs]], [[set]], [stop] and [summary]";
    private static final TomlMapper TOML = new TomlMapper();

    private final String origin;

    private StudyFile(String origin) {
        this.origin = origin;
    }

    /** @return the keys a study may set: lae train's long option names without dashes, less those of lae sweep itself */
    public static Set<String> keys() {
        return RunSettings.keys();
    }

    /**
     * @param file a study file
     * @return its study, every run's configuration validated
     * @throws LaeException in one line naming the file and the key, for a missing file, bad TOML, an unknown key, a
     *     bad value or an empty axis
     */
    public static Study read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new LaeException(file + ": no such study file");
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param text   a study in TOML
     * @param origin where it comes from, for messages (its file name)
     * @return its study, every run's configuration validated
     * @throws LaeException in one line naming the key, as {@link #read}
     */
    public static Study parse(String text, String origin) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new LaeException(origin + ": not valid TOML (" + firstLine(e.getOriginalMessage()) + where + ")", e);
        }
        return new StudyFile(origin).study(root);
    }

    /** A listed combination ({@code [[runs]]}): its name and settings. */
    private record Combination(String name, Map<String, JsonNode> settings) {
    }

    /** An override ({@code [[set]]}): the runs it applies to and the settings it sets there. */
    private record Override(int index, Map<String, JsonNode> when, Map<String, JsonNode> settings) {
    }

    private Study study(JsonNode root) {
        Map<String, JsonNode> fixed = new LinkedHashMap<>();
        Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
        List<Combination> listed = new ArrayList<>();
        List<Override> overrides = new ArrayList<>();
        String stopAxis = null;
        String metric = "d_align";
        List<StopTarget> targets = null;
        for (var field : root.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "fixed" -> table(key, value).properties().forEach(e -> setting(fixed, "[fixed]", e.getKey(),
                        e.getValue()));
                case "grid" -> {
                    if (table(key, value).isEmpty()) {
                        throw error("[grid] has no axis: give at least one, e.g. latent = [2, 5]");
                    }
                    value.properties().forEach(e -> grid.put(e.getKey(), axis(e.getKey(), e.getValue())));
                }
                case "runs" -> listed.addAll(combinations(value));
                case "set" -> overrides.addAll(overrides(value));
                case "stop" -> stopAxis = stop(value);
                case "summary" -> {
                    for (var e : table(key, value).properties()) {
                        switch (e.getKey()) {
                            case "metric" -> metric = metric(e.getValue());
                            case "targets" -> targets = targets(e.getValue());
                            default -> throw error("[summary] " + e.getKey() + ": unknown key (metric, targets)");
                        }
                    }
                }
                default -> setting(fixed, "the top level", key, value);
            }
        }
        for (String axis : grid.keySet()) {
            if (fixed.containsKey(axis)) {
                throw error(axis + " is both a fixed setting and an axis of [grid]: keep one");
            }
            for (Combination c : listed) {
                if (c.settings().containsKey(axis)) {
                    throw error("[[runs]] '" + c.name() + "' sets " + axis + ", an axis of [grid]: keep one");
                }
            }
            for (Override o : overrides) {
                if (o.settings().containsKey(axis)) {
                    throw error("[[set]] #" + o.index() + " sets " + axis + ", an axis of [grid]: a run's axis values "
                            + "name it; list the values under [grid]");
                }
            }
        }
        if (stopAxis != null && !grid.containsKey(stopAxis)) {
            throw error("[stop] axis = \"" + stopAxis + "\" is not an axis of [grid]" + (grid.isEmpty() ? ""
                    : " (" + String.join(", ", grid.keySet()) + ")"));
        }
        List<String> axes = new ArrayList<>();
        if (!listed.isEmpty()) {
            axes.add(Study.RUN_AXIS);
        }
        axes.addAll(grid.keySet());
        List<PlannedRun> runs = expand(fixed, grid, listed, overrides, stopAxis);
        List<StopTarget> reported = targets != null ? targets : runs.stream().map(r -> r.config().until())
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (stopAxis != null) {
            runs.stream().filter(r -> r.config().until() == null).findFirst().ifPresent(r -> {
                throw error("[stop] stops a series at its first run that misses its until target, and run '" + r.name()
                        + "' has none: set until, e.g. until = \"d_align=0.3\"");
            });
        }
        return new Study(runs, axes, stopAxis, metric, reported);
    }

    private List<PlannedRun> expand(Map<String, JsonNode> fixed, Map<String, List<JsonNode>> grid,
                                    List<Combination> listed, List<Override> overrides, String stopAxis) {
        List<Map<String, Integer>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (var axis : grid.entrySet()) {
            List<Map<String, Integer>> next = new ArrayList<>();
            for (Map<String, Integer> point : points) {
                for (int i = 0; i < axis.getValue().size(); i++) {
                    Map<String, Integer> p = new LinkedHashMap<>(point);
                    p.put(axis.getKey(), i);
                    next.add(p);
                }
            }
            points = next;
        }
        List<Combination> combinations = listed.isEmpty() ? java.util.Collections.singletonList(null) : listed;
        Set<Override> used = new LinkedHashSet<>();
        List<PlannedRun> runs = new ArrayList<>();
        for (Map<String, Integer> point : points) {
            for (Combination combination : combinations) {
                Map<String, JsonNode> settings = new LinkedHashMap<>(fixed);
                Map<String, String> labels = new LinkedHashMap<>();
                List<String> parts = new ArrayList<>();
                List<String> seriesParts = new ArrayList<>();
                if (combination != null) {
                    settings.putAll(combination.settings());
                    labels.put(Study.RUN_AXIS, combination.name());
                    parts.add(combination.name());
                    seriesParts.add(combination.name());
                }
                for (var index : point.entrySet()) {
                    String axis = index.getKey();
                    JsonNode value = grid.get(axis).get(index.getValue());
                    settings.put(axis, value);
                    String label = RunSettings.label(value);
                    labels.put(axis, label);
                    String part = axis + "-" + (value.isArray() || label.length() > 24 ? index.getValue() + 1 : label);
                    parts.add(part);
                    if (!axis.equals(stopAxis)) {
                        seriesParts.add(part);
                    }
                }
                Map<String, JsonNode> matched = new LinkedHashMap<>(settings);
                for (Override o : overrides) {
                    if (matches(o, matched, combination)) {
                        settings.putAll(o.settings());
                        used.add(o);
                    }
                }
                String name = parts.isEmpty() ? "run" : fileName(String.join("_", parts));
                runs.add(new PlannedRun(name, RunSettings.config(settings, name, origin), labels, fileName(String.join("_", seriesParts))));
            }
        }
        for (Override o : overrides) {
            if (!used.contains(o)) {
                throw error("[[set]] #" + o.index() + " (when " + o.when() + ") matches no run of the study");
            }
        }
        return runs;
    }

    private static boolean matches(Override o, Map<String, JsonNode> settings, Combination combination) {
        for (var condition : o.when().entrySet()) {
            JsonNode actual = condition.getKey().equals(Study.RUN_AXIS)
                    ? (combination == null ? null : TextNode.valueOf(combination.name()))
                    : settings.get(condition.getKey());
            if (actual == null) {
                return false;
            }
            JsonNode wanted = condition.getValue();
            boolean any = false;
            if (wanted.isArray() && !RunSettings.LISTS.contains(condition.getKey())) {
                for (JsonNode w : wanted) {
                    any |= same(actual, w);
                }
            } else {
                any = same(actual, wanted);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.isValueNode() && b.isValueNode() ? a.asText().equalsIgnoreCase(b.asText()) : a.equals(b);
    }

    /** Puts one fixed setting, refusing an unknown key, one set twice, and a list where one value is taken. */
    private void setting(Map<String, JsonNode> into, String where, String key, JsonNode value) {
        checkKey(where, key);
        if (into.containsKey(key)) {
            throw error(key + " is set twice (at the top level and in [fixed]): keep one");
        }
        checkValue(where, key, value);
        into.put(key, value);
    }

    private void checkKey(String where, String key) {
        if (SWEEP_OPTIONS.contains(key)) {
            throw error(where + ": '" + key + "' is an option of lae sweep (--" + key + "), not a setting of its runs");
        }
        if (!RunSettings.SETTINGS.containsKey(key)) {
            throw error(where + ": unknown key '" + key + "': a study's keys are lae train's long options without "
                    + "their dashes (data, loss, latent, lr, lr-end, …: see lae train --help) and " + TABLES);
        }
    }

    private void checkValue(String where, String key, JsonNode value) {
        if (value.isObject()) {
            throw error(where + ": " + key + " is a table; give it a value, e.g. " + key + " = …");
        }
        if (value.isArray() && !RunSettings.LISTS.contains(key)) {
            throw error(where + ": " + key + " = " + value + ": a list of values is an axis: put it under [grid]");
        }
    }

    private List<JsonNode> axis(String key, JsonNode value) {
        checkKey("[grid]", key);
        if (!value.isArray()) {
            throw error("[grid] " + key + " = " + value + ": an axis is a list of values, e.g. " + key + " = [" + value
                    + "]; a single value goes under [fixed]");
        }
        if (value.isEmpty()) {
            throw error("[grid] " + key + " = []: an axis needs at least one value");
        }
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode v : value) {
            if (RunSettings.LISTS.contains(key) && v.isNumber()) {
                throw error("[grid] " + key + ": each value of this axis is a list of p numbers: give a list of lists, "
                        + "e.g. " + key + " = [[0.1, 0.2], [0.3, 0.4]]");
            }
            checkValue("[grid]", key, v);
            if (values.stream().anyMatch(w -> same(w, v))) {
                throw error("[grid] " + key + " lists " + v + " twice");
            }
            values.add(v);
        }
        return values;
    }

    private List<Combination> combinations(JsonNode value) {
        List<Combination> list = new ArrayList<>();
        for (JsonNode entry : tables("runs", value)) {
            Map<String, JsonNode> settings = new LinkedHashMap<>();
            String name = null;
            for (var e : entry.properties()) {
                if (e.getKey().equals("name")) {
                    name = e.getValue().asText();
                } else {
                    setting(settings, "[[runs]]", e.getKey(), e.getValue());
                }
            }
            if (name == null) {
                List<String> parts = new ArrayList<>();
                settings.forEach((k, v) -> parts.add(k + "-" + RunSettings.label(v)));
                name = parts.isEmpty() ? "run-" + (list.size() + 1) : String.join("_", parts);
            }
            String fileName = fileName(name);
            if (fileName.isEmpty() || list.stream().anyMatch(c -> c.name().equals(fileName))) {
                throw error("[[runs]] name = \"" + name + "\": " + (fileName.isEmpty() ? "empty" : "used twice")
                        + ": give each listed combination a name of its own");
            }
            list.add(new Combination(fileName, settings));
        }
        return list;
    }

    private List<Override> overrides(JsonNode value) {
        List<Override> list = new ArrayList<>();
        for (JsonNode entry : tables("set", value)) {
            int index = list.size() + 1;
            JsonNode when = entry.get("when");
            if (when == null || !when.isObject() || when.isEmpty()) {
                throw error("[[set]] #" + index + ": needs when = { … }, the settings of the runs it applies to, e.g. "
                        + "when = { optimizer = \"adam\" }");
            }
            Map<String, JsonNode> conditions = new LinkedHashMap<>();
            for (var c : when.properties()) {
                if (!c.getKey().equals(Study.RUN_AXIS)) {
                    checkKey("[[set]] #" + index + " when", c.getKey());
                }
                conditions.put(c.getKey(), c.getValue());
            }
            Map<String, JsonNode> settings = new LinkedHashMap<>();
            for (var e : entry.properties()) {
                if (!e.getKey().equals("when")) {
                    setting(settings, "[[set]] #" + index, e.getKey(), e.getValue());
                }
            }
            if (settings.isEmpty()) {
                throw error("[[set]] #" + index + ": sets nothing: add the settings it overrides, e.g. lr = 0.01");
            }
            list.add(new Override(index, conditions, settings));
        }
        return list;
    }

    private String stop(JsonNode value) {
        String axis = null;
        for (var e : table("stop", value).properties()) {
            if (!e.getKey().equals("axis") || !e.getValue().isTextual()) {
                throw error("[stop] " + e.getKey() + " = " + e.getValue() + ": [stop] takes axis = \"NAME\", an axis "
                        + "of [grid]");
            }
            axis = e.getValue().asText();
        }
        if (axis == null) {
            throw error("[stop] needs axis = \"NAME\", an axis of [grid]");
        }
        return axis;
    }

    private String metric(JsonNode value) {
        String metric = value.asText();
        if (!value.isTextual() || !MetricsRow.COLUMNS.contains(metric) || metric.equals("step")) {
            throw error("[summary] metric = " + value + ": give one of " + MetricsRow.COLUMNS.subList(1,
                    MetricsRow.COLUMNS.size()));
        }
        return metric;
    }

    private List<StopTarget> targets(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw error("[summary] targets = " + value + ": give a list such as [\"d_align=0.3\", \"ratio_tp=1\"]");
        }
        List<StopTarget> list = new ArrayList<>();
        for (JsonNode t : value) {
            try {
                list.add(StopTarget.parse(t.asText()));
            } catch (LaeException e) {
                throw error("[summary] targets: " + e.getMessage());
            }
        }
        return list;
    }

    private JsonNode table(String key, JsonNode value) {
        if (!value.isObject()) {
            throw error(key + " = " + value + ": " + key + " is a table, [" + key + "]");
        }
        return value;
    }

    private List<JsonNode> tables(String key, JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw error(key + ": give one or more [[" + key + "]] tables");
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode entry : value) {
            if (!entry.isObject()) {
                throw error(key + ": give one or more [[" + key + "]] tables");
            }
            list.add(entry);
        }
        return list;
    }

    /** @return the text with every character a file name should not hold replaced by '-' */
    private static String fileName(String text) {
        return text.replaceAll("[^A-Za-z0-9._=+-]", "-");
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    private LaeException error(String message) {
        return new LaeException(origin + ": " + message);
    }
}
