package io.lae.experiments.figures;

import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * One axis of a plot: its range, linear or logarithmic, and ticks at round numbers.
 *
 * @param min the value at the axis's low end, above 0 on a logarithmic axis
 * @param max the value at its high end, above {@code min}
 * @param log whether values are spaced by their logarithm
 */
record Axis(double min, double max, boolean log) {

    /** Room left at each end of an axis fitted to data, as a fraction of its length. */
    private static final double MARGIN = 0.04;
    private static final double[] NICE_STEPS = {1, 2, 5, 10};

    /** Tick positions and their labels. */
    record Ticks(double[] values, String[] labels) {
    }

    Axis {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("axis range [" + min + ", " + max
                    + "] is not two finite numbers with min < max");
        }
        if (log && min <= 0) {
            throw new IllegalArgumentException("a logarithmic axis cannot start at " + min);
        }
    }

    /** @return an axis over {@code [dataMin, dataMax]} with a small margin at each end (±1 about a single value) */
    static Axis fit(double dataMin, double dataMax, boolean log) {
        if (log) {
            Axis inLogs = fit(Math.log10(dataMin), Math.log10(dataMax), false);
            return new Axis(Math.pow(10, inLogs.min()), Math.pow(10, inLogs.max()), true);
        }
        if (dataMin == dataMax) {
            return new Axis(dataMin - 1, dataMax + 1, false);
        }
        double margin = (dataMax - dataMin) * MARGIN;
        return new Axis(dataMin - margin, dataMax + margin, false);
    }

    /** @return where {@code value} lies along the axis: 0 at {@code min}, 1 at {@code max} */
    double fraction(double value) {
        return log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
    }

    /** @return this linear axis stretched by {@code factor} about its centre */
    Axis widen(double factor) {
        double centre = (min + max) / 2;
        double half = (max - min) * factor / 2;
        return new Axis(centre - half, centre + half, log);
    }

    /**
     * @param most the most ticks wanted, at least 2
     * @return ticks at round numbers: steps of 1, 2 or 5 × 10ᵏ; on a logarithmic axis, powers
     *         of 10 labelled 10ᵏ (every few if many), or 1, 2, 5 × 10ᵏ on less than 2.5 decades
     *         where that gives at least 3, else (a narrow range such as 1 to 1.3) at least 3 round
     *         steps, fewer than {@code most} where they crowd at the top; at least 2 ticks on a
     *         linear axis, more than {@code most} if that is what it takes
     */
    Ticks ticks(int most) {
        if (!log) {
            return linear(most, 2);
        }
        double decades = Math.log10(max) - Math.log10(min);
        if (decades >= 2.5) {
            Ticks ticks = powersOfTen(most);
            if (ticks.values().length >= 2) {
                return ticks;
            }
        }
        Ticks round = roundOnLog();
        return round.values().length >= 3 ? round : narrowLog(most);
    }

    /** @return ticks at steps of 1, 2 or 5 × 10ᵏ, at most {@code most} unless that leaves fewer than {@code least} */
    private Ticks linear(int most, int least) {
        Ticks ticks = linear(most);
        for (int asked = most + 1; ticks.values().length < least; asked++) {
            ticks = linear(asked);
        }
        return ticks;
    }

    private Ticks linear(int most) {
        double raw = (max - min) / most;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = DoubleStream.of(NICE_STEPS).map(s -> s * magnitude).filter(s -> s >= raw).findFirst()
                .orElseThrow();
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        double[] values = DoubleStream.iterate(first, k -> k <= last, k -> k + 1).map(k -> k * step).toArray();
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        boolean plain = Math.max(Math.abs(min), Math.abs(max)) < 1e5 && decimals <= 4;
        return new Ticks(values, DoubleStream.of(values)
                .mapToObj(v -> plain ? String.format(Locale.ROOT, "%." + decimals + "f", v) : Theme.number(v))
                .toArray(String[]::new));
    }

    private Ticks powersOfTen(int most) {
        int low = (int) Math.ceil(Math.log10(min) - 1e-9);
        int high = (int) Math.floor(Math.log10(max) + 1e-9);
        int stride = Math.max(1, (int) Math.ceil((high - low + 1) / (double) most));
        int[] exponents = IntStream.rangeClosed(low, high).filter(k -> Math.floorMod(k, stride) == 0).toArray();
        return new Ticks(IntStream.of(exponents).mapToDouble(k -> Math.pow(10, k)).toArray(),
                IntStream.of(exponents).mapToObj(Theme::powerOfTen).toArray(String[]::new));
    }

    /**
     * Evenly stepped ticks on a logarithmic axis over less than a decade or so. A step takes up
     * less room at the top of the axis than on average, by {@code (max − min) / (max ln(max / min))}
     * (0.39 over a whole decade), so fewer steps are asked for; but never fewer than 3 ticks.
     */
    private Ticks narrowLog(int most) {
        double crowding = (max - min) / (max * Math.log(max / min));
        return linear(Math.max(2, (int) (most * crowding)), 3);
    }

    private Ticks roundOnLog() {
        int low = (int) Math.floor(Math.log10(min));
        int high = (int) Math.ceil(Math.log10(max));
        double[] values = IntStream.rangeClosed(low, high).boxed()
                .flatMapToDouble(k -> DoubleStream.of(1, 2, 5).map(m -> m * Math.pow(10, k)))
                .filter(v -> v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)).toArray();
        return new Ticks(values, DoubleStream.of(values).mapToObj(Theme::number).toArray(String[]::new));
    }
}
