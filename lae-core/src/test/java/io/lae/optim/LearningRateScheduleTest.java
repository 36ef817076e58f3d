package io.lae.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LearningRateScheduleTest {

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.constant(1e-3);
        assertEquals(1e-3, s.at(0));
        assertEquals(1e-3, s.at(1_000_000));
        assertEquals("constant 1e-3", s.describe());
    }

    @ParameterizedTest
    @CsvSource({"1e-3, 1e-6, 1000", "0.3, 0.007, 7", "1e-6, 1e-2, 50", "0.1, 0.1, 10", "0.02, 3e-5, 2"})
    void geometricHitsBothEndpointsExactlyAndIsMonotone(double lr0, double lr1, long total) {
        LearningRateSchedule s = LearningRateSchedule.geometric(lr0, lr1, total);

        assertEquals(lr0, s.at(0));
        assertEquals(lr1, s.at(total - 1));
        assertEquals(lr1, s.at(total + 5));
        double sign = Math.signum(lr1 - lr0);
        for (long t = 1; t < total; t++) {
            assertTrue(sign * (s.at(t) - s.at(t - 1)) >= 0, "step " + t);
        }
    }

    @Test
    void geometricFollowsTheFormulaInBetween() {
        LearningRateSchedule s = LearningRateSchedule.geometric(1e-3, 1e-6, 1000);
        assertEquals(1e-3 * Math.pow(1e-3, 333.0 / 999), s.at(333), 1e-18);
        assertEquals("geometric 1e-3 → 1e-6 over 1000 steps", s.describe());
    }

    @Test
    void geometricOverOneStepIsTheStartingRate() {
        LearningRateSchedule s = LearningRateSchedule.geometric(0.5, 1e-4, 1);
        assertEquals(0.5, s.at(0));
        assertEquals(0.5, s.at(3));
    }

    @Test
    void stepDecayMultipliesByTheFactorEveryBlock() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 0.5, 100);
        assertEquals(0.1, s.at(0));
        assertEquals(0.1, s.at(99));
        assertEquals(0.05, s.at(100));
        assertEquals(0.05, s.at(199));
        assertEquals(0.1 * 0.125, s.at(350), 1e-18);
        assertEquals("step decay 0.1 × 0.5 every 100 steps", s.describe());
    }

    @Test
    void inverseTimeIsKerasDecay() {
        LearningRateSchedule s = LearningRateSchedule.inverseTime(0.01, 1e-4);
        assertEquals(0.01, s.at(0));
        for (long t : new long[] {1, 10, 1234, 10_000}) {
            assertEquals(0.01 / (1 + 1e-4 * t), s.at(t), 1e-18);
        }
        assertEquals(0.005, s.at(10_000), 1e-17);
        assertEquals("inverse time 0.01 / (1 + 1e-4·t)", s.describe());
        assertEquals(0.01, LearningRateSchedule.inverseTime(0.01, 0).at(999));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY})
    void badRatesAreRejectedNamingTheOption(double bad) {
        assertRejected("--lr ", () -> LearningRateSchedule.constant(bad));
        assertRejected("--lr ", () -> LearningRateSchedule.geometric(bad, 1e-3, 10));
        assertRejected("--lr-end ", () -> LearningRateSchedule.geometric(1e-3, bad, 10));
        assertRejected("--lr ", () -> LearningRateSchedule.stepDecay(bad, 0.5, 10));
        assertRejected("--lr ", () -> LearningRateSchedule.inverseTime(bad, 0.1));
    }

    @Test
    void badScheduleShapesAreRejected() {
        assertRejected("", () -> LearningRateSchedule.geometric(1e-3, 1e-6, 0));
        assertRejected("", () -> LearningRateSchedule.stepDecay(1e-3, 0, 10));
        assertRejected("", () -> LearningRateSchedule.stepDecay(1e-3, 1.5, 10));
        assertRejected("", () -> LearningRateSchedule.stepDecay(1e-3, Double.NaN, 10));
        assertRejected("", () -> LearningRateSchedule.stepDecay(1e-3, 0.5, 0));
        assertRejected("", () -> LearningRateSchedule.inverseTime(1e-3, -1));
        assertRejected("", () -> LearningRateSchedule.inverseTime(1e-3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0.1).at(-1));
    }

    @Test
    void numbersPrintCompactly() {
        assertEquals("1e-3", LearningRates.format(0.001));
        assertEquals("2.5e-4", LearningRates.format(2.5e-4));
        assertEquals("0.01", LearningRates.format(0.01));
        assertEquals("100", LearningRates.format(100));
        assertEquals("1e5", LearningRates.format(1e5));
        assertEquals("-1e-3", LearningRates.format(-1e-3));
        assertEquals("NaN", LearningRates.format(Double.NaN));
    }

    private static void assertRejected(String messageStart, Executable call) {
        LaeException e = assertThrows(LaeException.class, call);
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
