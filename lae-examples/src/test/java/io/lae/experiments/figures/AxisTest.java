package io.lae.experiments.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Ticks fall on round numbers and read the way a paper would print them. */
class AxisTest {

    @Test
    void linearTicksStepByOneTwoOrFiveTimesAPowerOfTen() {
        Axis.Ticks ticks = new Axis(-16, 416, false).ticks(5);
        assertArrayEquals(new double[] {0, 100, 200, 300, 400}, ticks.values(), 1e-12);
        assertArrayEquals(new String[] {"0", "100", "200", "300", "400"}, ticks.labels());
        assertArrayEquals(new String[] {"-1.0", "-0.5", "0.0", "0.5", "1.0"}, new Axis(-1, 1, false).ticks(5).labels());
    }

    @Test
    void logTicksArePowersOfTenOverManyDecadesAndRoundNumbersOverFew() {
        assertArrayEquals(new String[] {"10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"},
                new Axis(5e-6, 0.2, true).ticks(8).labels());
        assertArrayEquals(new String[] {"10⁻³", "10⁰", "10³"}, new Axis(1e-5, 1e3, true).ticks(4).labels());
        assertArrayEquals(new String[] {"1", "2", "5", "10"}, new Axis(0.9, 11, true).ticks(8).labels());
    }

    @Test
    void fittedAxesLeaveAMarginAndPlaceValuesProportionally() {
        Axis linear = Axis.fit(0, 100, false);
        assertEquals(-4, linear.min(), 1e-12);
        assertEquals(0.5, linear.fraction(50), 1e-12);
        Axis log = Axis.fit(1, 1e4, true);
        assertEquals(0.5, log.fraction(100), 1e-12);
        assertEquals(2, Axis.fit(3, 3, false).max() - Axis.fit(3, 3, false).min(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Axis(0, 1, true));
    }

    @Test
    void numbersAreShortAndScientificOnlyWhenLargeOrSmall() {
        assertEquals("0", Theme.number(0));
        assertEquals("-0.5", Theme.number(-0.5));
        assertEquals("0.333", Theme.number(1.0 / 3));
        assertEquals("1.5×10⁻⁷", Theme.number(1.5e-7));
        assertEquals("10⁶", Theme.number(1e6));
        assertEquals("−10⁶", Theme.number(-1e6));
        assertEquals("1.23×10⁵", Theme.number(123_456));
        assertEquals("10⁻⁴", Theme.number(9.9996e-5));
    }
}
