package io.lae.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lae.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an experiment found: its claims (paper vs measured), the choices it made where the paper and
 * the authors' code are silent, and its figures. Written as {@code summary.json}
 * ({@code {"id", "scale", "seconds", "claims": [{"claim", "paper", "measured", "holds", "needs_full_scale",
 * "verdict"}], "diverged": {run: step}, …}}) and as {@code summary.md} for people. At quick scale a claim that
 * needs full scale is measured but its verdict is "not evaluated at quick scale": quick scale checks the
 * pipeline, not the paper.
 */
public final class Summary {

    /** The machine-readable summary. */
    public static final String JSON_FILE = "summary.json";
    /** The summary for people. */
    public static final String MARKDOWN_FILE = "summary.md";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What quick scale is for, said before its claims in the console and in summary.md. */
    public static final String QUICK_SCALE_NOTE = "Quick scale checks the pipeline: sizes and steps are shrunk to run "
            + "in seconds, so claims that need the paper's sizes and step counts are measured but not evaluated; "
            + "run --scale full to test them.";

    private final List<Claim> claims = new ArrayList<>();
    private final List<String> choices = new ArrayList<>();
    /** Each figure's files, relative to the experiment's directory: PNG, SVG, PDF as written. */
    private final List<List<String>> figures = new ArrayList<>();
    private final Map<String, Object> measurements = new LinkedHashMap<>();
    private final Map<String, Long> diverged = new LinkedHashMap<>();
    private final Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
    private int runs;
    private int runsReadBack;
    private double trainingSeconds;

    /** @param claim a checked claim */
    public void add(Claim claim) {
        claims.add(claim);
    }

    /** @param choice a setting the papers leave open, or where the replay follows the code, and why */
    public void choose(String choice) {
        choices.add(choice);
    }

    /** @param files one figure's files (its PNG, SVG and PDF, those written), relative to the experiment's directory */
    public void figure(List<String> files) {
        figures.add(List.copyOf(files));
    }

    /**
     * @param name  a measured quantity worth keeping beyond the claims (e.g. steps to Ratio_TP = 1)
     * @param value its value (a number, string, list or map)
     */
    public void measure(String name, Object value) {
        measurements.put(name, value);
    }

    /**
     * A table of results, shown in summary.md under its title and kept in summary.json as one object per row.
     *
     * @param title its title, e.g. "MNIST, full batch"
     * @param rows  its rows, each a map from column to cell in the columns' order, all with the same columns
     */
    public void table(String title, List<Map<String, String>> rows) {
        if (rows.isEmpty() || rows.stream().anyMatch(r -> !r.keySet().equals(rows.getFirst().keySet()))) {
            throw new IllegalArgumentException("a table needs rows, all with the same columns: " + title);
        }
        tables.put(title, rows.stream().map(r -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r)))
                .toList());
    }

    /**
     * @param run  a run that diverged (the experiment went on without it)
     * @param step the step at which it diverged
     */
    public void diverged(String run, long step) {
        diverged.put(run, step);
    }

    /**
     * Counts one training run of the experiment.
     *
     * @param seconds  its training time, over all the sessions that trained it
     * @param readBack whether this invocation read it back finished instead of training it
     */
    public void run(double seconds, boolean readBack) {
        runs++;
        runsReadBack += readBack ? 1 : 0;
        trainingSeconds += seconds;
    }

    /** @return the claims so far */
    public List<Claim> claims() {
        return List.copyOf(claims);
    }

    /**
     * @param scale the scale the experiment ran at
     * @return how many claims hold, e.g. "4 of 5 claims hold", or at quick scale "2 of 2 claims evaluated at
     *         quick scale hold; 3 more need --scale full"
     */
    public String tally(ExperimentScale scale) {
        long holding = count(scale, Claim.Verdict.HOLDS);
        long notEvaluated = count(scale, Claim.Verdict.NOT_EVALUATED);
        if (notEvaluated == 0) {
            return String.format(Locale.ROOT, "%d of %d claims hold", holding, claims.size());
        }
        return String.format(Locale.ROOT, "%d of %d claims evaluated at quick scale hold; %d more need --scale full",
                holding, claims.size() - notEvaluated, notEvaluated);
    }

    private long count(ExperimentScale scale, Claim.Verdict verdict) {
        return claims.stream().filter(c -> c.verdict(scale) == verdict).count();
    }

    /**
     * Writes summary.json and summary.md.
     *
     * @param dir        the experiment's directory
     * @param experiment the experiment
     * @param scale      the scale it ran at
     * @param seconds    its wall time
     */
    public void write(Path dir, Experiment experiment, ExperimentScale scale, double seconds) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", experiment.id());
        root.put("title", experiment.title());
        root.put("scale", scale.label());
        root.put("seconds", seconds);
        root.put("training_seconds", trainingSeconds);
        root.put("runs", runs);
        root.put("runs_read_back", runsReadBack);
        root.put("claims", claims.stream().map(c -> claimJson(c, scale)).toList());
        root.put("holding", count(scale, Claim.Verdict.HOLDS));
        root.put("not_evaluated", count(scale, Claim.Verdict.NOT_EVALUATED));
        root.put("choices", choices);
        root.put("measurements", measurements);
        root.put("tables", tables);
        root.put("diverged", diverged);
        root.put("figures", figures.stream().flatMap(List::stream).toList());
        try {
            AtomicFiles.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.writeString(dir.resolve(MARKDOWN_FILE), markdown(experiment, scale, seconds));
    }

    private static Map<String, Object> claimJson(Claim c, ExperimentScale scale) {
        Map<String, Object> json = JSON.convertValue(c, JSON.getTypeFactory().constructMapType(LinkedHashMap.class,
                String.class, Object.class));
        json.put("verdict", c.verdict(scale).toString().toLowerCase(Locale.ROOT));
        return json;
    }

    private String markdown(Experiment experiment, ExperimentScale scale, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(experiment.id()).append(": ").append(experiment.title()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Scale `%s`, %.1f s wall time; %d training runs with %.1f s of training "
                        + "steps in all%s. %s.%n%n", scale.label(), seconds, runs, trainingSeconds,
                runsReadBack == 0 ? "" : " (" + runsReadBack + " read back from an earlier invocation)",
                tally(scale)));
        if (scale == ExperimentScale.QUICK) {
            md.append("_").append(QUICK_SCALE_NOTE).append("_\n\n");
        }
        md.append("| claim | paper | measured | verdict |\n| --- | --- | --- | --- |\n");
        for (Claim c : claims) {
            Claim.Verdict verdict = c.verdict(scale);
            md.append("| ").append(cell(c.claim())).append(" | ").append(cell(c.paper())).append(" | ")
                    .append(cell(c.measured())).append(" | ")
                    .append(verdict == Claim.Verdict.FAILS ? "**FAILS**" : verdict.toString()).append(" |\n");
        }
        tables.forEach((title, rows) -> {
            md.append("\n## ").append(title).append("\n\n| ")
                    .append(String.join(" | ", rows.getFirst().keySet().stream().map(Summary::cell).toList()))
                    .append(" |\n|").append(" --- |".repeat(rows.getFirst().size())).append('\n');
            rows.forEach(r -> md.append("| ").append(String.join(" | ", r.values().stream().map(Summary::cell)
                    .toList())).append(" |\n"));
        });
        if (!diverged.isEmpty()) {
            md.append("\n## Diverged runs\n\n");
            diverged.forEach((run, step) -> md.append("- `").append(run).append("` at step ").append(step)
                    .append('\n'));
        }
        if (!choices.isEmpty()) {
            md.append("\n## Choices\n\n");
            choices.forEach(c -> md.append("- ").append(c).append('\n'));
        }
        if (!figures.isEmpty()) {
            md.append("\n## Figures\n\n");
            for (List<String> files : figures) {
                // the first file is the PNG where one was written, else the SVG: both show in a Markdown viewer
                String shown = files.getFirst();
                md.append(shown.endsWith(".pdf") ? "[" + shown + "](" + shown + ")" : "![" + shown + "](" + shown + ")");
                files.stream().skip(1).forEach(f -> md.append(" [").append(f.substring(f.lastIndexOf('.') + 1))
                        .append("](").append(f).append(')'));
                md.append("\n\n");
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
