package io.lae.runs;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in a progress line or a list: "40 s", "12 min", "1.5 h", "15 h". */
public final class TimeText {

    private TimeText() {
    }

    /**
     * @param d a duration
     * @return whole seconds below 90 s, whole minutes below 90 min, else hours (one decimal below 10 h)
     */
    public static String approximate(Duration d) {
        double seconds = Math.max(0, d.toMillis() / 1000.0);
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 90 * 60) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        double hours = seconds / 3600;
        return hours < 10 ? String.format(Locale.ROOT, "%.1f h", hours) : String.format(Locale.ROOT, "%.0f h", hours);
    }
}
