package io.lae.sweep;

import io.lae.figures.FigureOutput;
import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.figures.Panels;
import io.lae.train.MetricsRow;
import io.lae.train.StopTarget;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study's figures: {@code curves} draws every run's metric against the step, one panel per value of the study's
 * first axis; {@code steps-to-target} draws the steps each series needed to reach the first target against the
 * study's numeric axis (the latent size when it is one), the shape of Bao et al.'s Fig. 4, with a cross at a
 * series' last success when it failed beyond it.
 */
final class SweepFigures {

    /** Metrics drawn on a logarithmic axis: distances, ratios to the optimum and the loss. */
    private static final List<String> LOG_METRICS = List.of("loss", "loss_ratio", "d_align", "d_sub", "transpose_gap");
    private static final int LEGEND = 8;

    private SweepFigures() {
    }

    /** @return the files written */
    static List<Path> draw(Path dir, Study study, List<RunRecord> records, FigureOutput figures) {
        List<Path> written = new ArrayList<>(figures.write(curves(study, records), dir.resolve("curves")));
        steps(study, records).ifPresent(f -> written.addAll(figures.write(f, dir.resolve("steps-to-target"))));
        return written;
    }

    private static Panels curves(Study study, List<RunRecord> records) {
        String panelAxis = study.axes().isEmpty() ? null : study.axes().getFirst();
        Map<String, List<RunRecord>> panels = new LinkedHashMap<>();
        for (RunRecord r : records) {
            if (!r.metrics().isEmpty()) {
                panels.computeIfAbsent(panelAxis == null ? "" : panelAxis + " = " + r.run().settings().get(panelAxis),
                        k -> new ArrayList<>()).add(r);
            }
        }
        Panels figure = new Panels(Math.min(3, Math.max(1, panels.size())))
                .title("every run's " + study.metric() + " against the step");
        for (var panel : panels.entrySet()) {
            LineFigure f = new LineFigure(panel.getKey(), "step", study.metric());
            if (LOG_METRICS.contains(study.metric())) {
                f.logY();
            }
            List<RunRecord> runs = panel.getValue();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                RunRecord r = runs.get(i);
                String label = label(r, panelAxis);
                String name = label.isEmpty() ? r.run().name() : label;
                names.add(name);
                f.add(name, r.metrics().stream().mapToDouble(MetricsRow::step).toArray(),
                        r.metrics().stream().mapToDouble(m -> m.get(study.metric())).toArray(),
                        LineFigure.Style.SOLID, color(i, runs.size()));
            }
            if (runs.size() > LEGEND) {
                f.unlisted(names.toArray(String[]::new));
            }
            figure.add(f);
        }
        return figure;
    }

    /** Steps to the first target against the numeric axis, one series per combination of the other axes. */
    private static Optional<LineFigure> steps(Study study, List<RunRecord> records) {
        if (study.targets().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> numeric = study.axes().contains("latent") ? Optional.of("latent")
                : study.axes().stream().filter(a -> records.stream().allMatch(r -> isNumber(r.run().settings().get(a))))
                .findFirst();
        if (numeric.isEmpty()) {
            return Optional.empty();
        }
        String axis = numeric.get();
        StopTarget target = study.targets().getFirst();
        if (records.stream().noneMatch(r -> r.firstReaching(target).isPresent())) {
            return Optional.empty(); // no run reached it: nothing to draw
        }
        Map<String, List<RunRecord>> series = new LinkedHashMap<>();
        records.forEach(r -> series.computeIfAbsent(label(r, axis), k -> new ArrayList<>()).add(r));
        LineFigure f = new LineFigure("steps to " + target + " against " + axis
                + (series.size() > LEGEND ? " (colours: series in the study's order)" : "")
                + "; a cross marks a series' last success before a failure", axis, "steps to " + target).logX().logY();
        int i = 0;
        for (var s : series.entrySet()) {
            List<RunRecord> runs = s.getValue().stream().filter(r -> r.firstReaching(target).isPresent()).toList();
            Color color = color(i++, series.size());
            if (runs.isEmpty()) {
                continue;
            }
            f.add(s.getKey().isEmpty() ? "steps" : s.getKey(),
                    runs.stream().mapToDouble(r -> Double.parseDouble(r.run().settings().get(axis))).toArray(),
                    runs.stream().mapToDouble(r -> r.firstReaching(target).orElseThrow().step()).toArray(),
                    LineFigure.Style.SOLID, color);
            if (s.getValue().stream().anyMatch(r -> r.firstReaching(target).isEmpty())) {
                RunRecord last = runs.getLast();
                f.cross(Double.parseDouble(last.run().settings().get(axis)), last.firstReaching(target).orElseThrow().step(),
                        color);
            }
            if (series.size() > LEGEND) {
                f.unlisted(s.getKey().isEmpty() ? "steps" : s.getKey());
            }
        }
        f.pointMarkers();
        return Optional.of(f);
    }

    /** @return the run's axis values other than {@code except}, e.g. {@code optimizer adam, lr 0.01} */
    private static String label(RunRecord r, String except) {
        List<String> parts = new ArrayList<>();
        r.run().settings().forEach((axis, value) -> {
            if (!axis.equals(except)) {
                parts.add(axis + " " + value);
            }
        });
        return String.join(", ", parts);
    }

    private static Color color(int i, int count) {
        return count > 10 ? Palette.ordered(i, count) : Palette.color(i);
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
