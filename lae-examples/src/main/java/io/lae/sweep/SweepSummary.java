package io.lae.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lae.LaeException;
import io.lae.figures.FigureOutput;
import io.lae.io.AtomicFiles;
import io.lae.train.MetricsRow;
import io.lae.train.StopTarget;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A study's summary: {@code summary.csv} and {@code summary.json}, one row per run (its axis values, status, final
 * metrics, and the step and seconds at which it first reached each target), and the figures of {@link SweepFigures}.
 */
public final class SweepSummary {

    /** The table. */
    public static final String CSV = "summary.csv";
    /** The same, for scripts, with every run's whole configuration. */
    public static final String JSON_FILE = "summary.json";
    /** The final metrics reported, in {@link MetricsRow#COLUMNS}' order. */
    static final List<String> FINAL = MetricsRow.COLUMNS.stream()
            .filter(c -> !List.of("step", "lr", "seconds").contains(c)).toList();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepSummary() {
    }

    /**
     * Writes the table, the JSON and the figures into the study's directory.
     *
     * @param dir     the study's directory
     * @param study   the study
     * @param records every run's record, in the study's order
     * @param figures the figures' formats and resolution
     * @return the files written
     */
    public static List<Path> write(Path dir, Study study, List<RunRecord> records, FigureOutput figures) {
        List<Path> written = new ArrayList<>();
        try {
            AtomicFiles.writeString(dir.resolve(CSV), csv(study, records));
            written.add(dir.resolve(CSV));
            AtomicFiles.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(json(study, records)));
            written.add(dir.resolve(JSON_FILE));
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot write the summary (" + e.getMessage() + ")", e);
        }
        written.addAll(SweepFigures.draw(dir, study, records, figures));
        return written;
    }

    private static String csv(Study study, List<RunRecord> records) throws IOException {
        List<String> header = new ArrayList<>(List.of("name"));
        header.addAll(study.axes());
        header.addAll(List.of("status", "steps", "seconds"));
        header.addAll(FINAL);
        for (StopTarget t : study.targets()) {
            header.add("steps_to_" + t);
            header.add("seconds_to_" + t);
        }
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            printer.printRecord(header);
            for (RunRecord r : records) {
                List<String> cells = new ArrayList<>();
                cells.add(r.run().name());
                study.axes().forEach(a -> cells.add(r.run().settings().get(a)));
                cells.add(r.state().label());
                Optional<MetricsRow> last = r.last();
                cells.add(last.map(m -> Long.toString(m.step())).orElse(""));
                cells.add(last.map(m -> number(m.seconds())).orElse(""));
                FINAL.forEach(c -> cells.add(last.map(m -> number(m.get(c))).orElse("")));
                for (StopTarget t : study.targets()) {
                    Optional<MetricsRow> hit = r.firstReaching(t);
                    cells.add(hit.map(m -> Long.toString(m.step())).orElse(""));
                    cells.add(hit.map(m -> number(m.seconds())).orElse(""));
                }
                printer.printRecord(cells);
            }
        }
        return text.toString();
    }

    private static Map<String, Object> json(Study study, List<RunRecord> records) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("axes", study.axes());
        root.put("stop_axis", study.stopAxis());
        root.put("metric", study.metric());
        root.put("targets", study.targets().stream().map(StopTarget::toString).toList());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunRecord r : records) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("name", r.run().name());
            run.put("dir", Sweep.RUNS + "/" + r.run().name());
            run.put("settings", r.run().settings());
            run.put("status", r.state().label());
            run.put("read_back", r.readBack());
            r.last().ifPresent(m -> {
                Map<String, Object> fin = new LinkedHashMap<>();
                fin.put("steps", m.step());
                fin.put("seconds", m.seconds());
                FINAL.forEach(c -> fin.put(c, Double.isNaN(m.get(c)) ? null : m.get(c)));
                run.put("final", fin);
            });
            if (r.outcome() != null && r.outcome().diverged()) {
                run.put("diverged_at_step", r.outcome().divergedAt());
            }
            Map<String, Object> reached = new LinkedHashMap<>();
            for (StopTarget t : study.targets()) {
                reached.put(t.toString(), r.firstReaching(t).map(m -> (Object) Map.of("steps", m.step(),
                        "seconds", m.seconds())).orElse(null));
            }
            run.put("targets", reached);
            run.put("config", r.run().config());
            runs.add(run);
        }
        root.put("runs", runs);
        return root;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
