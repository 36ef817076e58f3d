package io.lae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.LaeException;
import org.junit.jupiter.api.Test;

class StopTargetTest {

    private static MetricsRow row(long step, double dAlign, double streak) {
        return new MetricsRow(step, 1, 1, 0, 0, 0, dAlign, 0.5, streak, Double.NaN, 1e-3, 0);
    }

    @Test
    void oneThresholdRisesOrFallsWithItsMetric() {
        StopTarget align = StopTarget.parse("d_align=0.01");
        assertTrue(align.reachedBy(row(10, 0.01, 0)));
        assertFalse(align.reachedBy(row(10, 0.0101, 20)));
        StopTarget streak = StopTarget.parse("longest_streak=20");
        assertTrue(streak.reachedBy(row(10, 1, 20)));
        assertFalse(streak.reachedBy(row(10, 0, 19)));
        assertFalse(StopTarget.parse("d_align=0.3").reachedBy(row(10, Double.NaN, 0)), "an unknown metric never stops");
    }

    @Test
    void severalThresholdsStopOnlyWhenEveryOneIsReached() {
        StopTarget both = StopTarget.parse("d_align=0.01, longest_streak=20");
        assertFalse(both.reachedBy(row(10, 0.005, 19)));
        assertFalse(both.reachedBy(row(10, 0.02, 20)));
        assertTrue(both.reachedBy(row(10, 0.005, 20)));
        assertEquals("d_align=0.01,longest_streak=20.0", both.toString());
        assertEquals(both, StopTarget.parse(both.toString()), "its text reads back as the same target");
    }

    @Test
    void aSingleTargetKeepsItsRunJsonText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StopTarget target = StopTarget.parse("ratio_tp=1");
        assertEquals("\"ratio_tp=1.0\"", json.writeValueAsString(target));
        assertEquals(target, json.readValue("\"ratio_tp=1\"", StopTarget.class));
        StopTarget both = StopTarget.parse("step=500,d_sub=0.1");
        assertEquals(both, json.readValue(json.writeValueAsString(both), StopTarget.class));
    }

    @Test
    void badTextIsOneLineNamingTheProblem() {
        assertTrue(assertThrows(LaeException.class, () -> StopTarget.parse("d_align=0.1,d_align=0.2")).getMessage()
                .contains("names a metric twice"));
        assertTrue(assertThrows(LaeException.class, () -> StopTarget.parse("d_align=0.1,loss=3")).getMessage()
                .contains("METRIC=VALUE[,METRIC=VALUE…]"));
        assertTrue(assertThrows(LaeException.class, () -> StopTarget.parse("d_align=small")).getMessage()
                .contains("'small' is not a number"));
        assertThrows(LaeException.class, () -> StopTarget.parse("d_align=0.1,"));
    }
}
