package io.lae.cli;

import io.lae.check.CheckShape;
import io.lae.check.GradientCheck;
import io.lae.check.GradientCheckResult;
import io.lae.loss.LossSpec;
import io.lae.loss.Losses;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae gradcheck}: the gradient-check suite as a table, every loss × every standard shape,
 * analytic against SameDiff autodiff, finite differences and the literal definition; exit code 1
 * on any disagreement above the tolerance.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Check every loss's gradients: analytic vs SameDiff vs finite differences.",
                "Also the statistics form against the literal definition on X and the mini-batch form against",
                "the statistics form (float64, random points).",
                "Exits 1 if any relative error reaches the tolerance."})
final class GradcheckCommand implements Callable<Integer> {

    private static final String ROW = "%-15s %-28s %10s %10s %10s %7s %10s %10s  %s%n";

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed for data and weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--loss", split = ",", paramLabel = "NAME", completionCandidates = NameCandidates.Losses.class,
            description = "Check only these losses (default: all of ${COMPLETION-CANDIDATES}).")
    java.util.List<String> losses = Losses.REGISTRY.names();

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Largest relative error accepted (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, ROW, "loss", "shape", "value:SD", "grad:SD", "grad:FD", "coords", "literal", "batch", "");
        int failures = 0;
        double worst = 0;
        for (String name : losses) {
            for (CheckShape shape : GradientCheck.STANDARD_SHAPES) {
                GradientCheckResult r = GradientCheck.run(LossSpec.example(name, shape.latent()), shape, seed);
                boolean ok = r.passed(tolerance);
                failures += ok ? 0 : 1;
                worst = Math.max(worst, r.worstError());
                out.printf(Locale.ROOT, ROW, r.loss(), shape, sci(r.valueVsSameDiff()), sci(r.gradientVsSameDiff()),
                        sci(r.gradientVsFiniteDifference()), r.coordinatesChecked(), sci(r.statisticsVsLiteral()), sci(r.batchVsStatistics()),
                        ok ? "ok" : "FAIL");
                out.flush();
            }
        }
        out.printf(Locale.ROOT, "%nRelative errors: SD = SameDiff autodiff, FD = five-point finite differences,%n"
                + "literal = statistics form vs the definition evaluated on X, batch = mini-batch form on all of X%n"
                + "vs statistics form. Worst %.1e, tolerance %.0e: %s%n",
                worst, tolerance, failures == 0 ? "all passed" : failures + " FAILED");
        return failures == 0 ? 0 : 1;
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }
}
