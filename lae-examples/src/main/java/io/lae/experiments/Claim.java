package io.lae.experiments;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * One statement a paper's figure makes, checked against what an experiment measured. {@code holds}
 * is always computed from the measurement, never written by hand.
 *
 * @param claim          the statement as a check, e.g. "ordered reaches Ratio_TP = 1 at p = 100"
 * @param paper          what the paper reports, with its figure
 * @param measured       what this run measured, with the tolerance used
 * @param holds          whether the measurement satisfies the check
 * @param needsFullScale whether only the paper's sizes and step counts test it (a claim about
 *                       convergence to 1e-6, or about how results grow with k): at quick scale it is
 *                       measured but not evaluated ({@link #verdict})
 */
public record Claim(String claim, String paper, String measured, boolean holds,
                    @JsonProperty("needs_full_scale") boolean needsFullScale) {

    /**
     * A claim that every scale evaluates.
     *
     * @param claim    the statement
     * @param paper    what the paper reports
     * @param measured what this run measured
     * @param holds    whether the measurement satisfies the check
     */
    public Claim(String claim, String paper, String measured, boolean holds) {
        this(claim, paper, measured, holds, false);
    }

    /** @return this claim, marked as one only {@code --scale full} evaluates */
    public Claim atFullScaleOnly() {
        return new Claim(claim, paper, measured, holds, true);
    }

    /**
     * @param scale the scale the experiment ran at
     * @return whether it holds, fails, or (a full-scale claim at quick scale) was not evaluated
     */
    public Verdict verdict(ExperimentScale scale) {
        if (needsFullScale && scale == ExperimentScale.QUICK) {
            return Verdict.NOT_EVALUATED;
        }
        return holds ? Verdict.HOLDS : Verdict.FAILS;
    }

    /** What a claim's check says at the scale an experiment ran. */
    public enum Verdict {
        /** The measurement satisfies the check. */
        HOLDS("holds"),
        /** The measurement does not satisfy the check. */
        FAILS("FAILS"),
        /** The claim needs the paper's sizes and step counts; quick scale only checks the pipeline. */
        NOT_EVALUATED("not evaluated at quick scale");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** @return how the console and summary.md print it: {@code holds}, {@code FAILS} or {@code not evaluated at quick scale} */
        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * @param claim    the statement
     * @param paper    what the paper reports
     * @param quantity the measured quantity's name
     * @param value    its value
     * @param bound    the largest value for which the claim holds
     * @return the claim, holding when value ≤ bound (NaN never holds)
     */
    public static Claim atMost(String claim, String paper, String quantity, double value, double bound) {
        return new Claim(claim, paper, quantity + " = " + format(value) + " (needs ≤ " + format(bound) + ")",
                value <= bound);
    }

    /**
     * @param claim    the statement
     * @param paper    what the paper reports
     * @param quantity the measured quantity's name
     * @param value    its value
     * @param bound    the smallest value for which the claim holds
     * @return the claim, holding when value ≥ bound (NaN never holds)
     */
    public static Claim atLeast(String claim, String paper, String quantity, double value, double bound) {
        return new Claim(claim, paper, quantity + " = " + format(value) + " (needs ≥ " + format(bound) + ")",
                value >= bound);
    }

    /**
     * A comparative claim: one quantity, measured on two things, is smaller on the first.
     *
     * @param claim    the statement
     * @param paper    what the paper reports
     * @param quantity the measured quantity's name
     * @param low      the thing for which the quantity should be smaller, and its value
     * @param high     the thing it is compared with, and its value
     * @return the claim, holding when low &lt; high (NaN never holds)
     */
    public static Claim smaller(String claim, String paper, String quantity, Measurement low, Measurement high) {
        return new Claim(claim, paper, quantity + ": " + low + ", " + high + " (needs the first < the second)",
                low.value() < high.value());
    }

    /**
     * A value measured on one thing, for {@link #smaller}.
     *
     * @param of    what it was measured on, e.g. "sum"
     * @param value the value
     */
    public record Measurement(String of, double value) {

        @Override
        public String toString() {
            return of + " " + format(value);
        }
    }

    /**
     * @param value a number
     * @return it with four significant digits, e.g. 0.0001234 → 1.234e-04, 12.5 → 12.50
     */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        double a = Math.abs(value);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
