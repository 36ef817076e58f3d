package io.lae.experiments.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ticks fall on round numbers and read the way a paper would print them. */
class AxisTest {

    @Test
    void linearTicksStepByOneTwoOrFiveTimesAPowerOfTen() {
        Axis.Ticks ticks = new Axis(-16, 416, false).ticks(5);
        assertArrayEquals(new double[] {0, 100, 200, 300, 400}, ticks.values(), 1e-12);
        assertArrayEquals(new String[] {"0", "100", "200", "300", "400"}, ticks.labels());
        assertArrayEquals(new String[] {"-1.0", "-0.5", "0.0", "0.5", "1.0"}, new Axis(-1, 1, false).ticks(5).labels());
        // Oftadeh Fig. 1's x axis beside a wide legend: a step of 10 left only "0"
        assertArrayEquals(new String[] {"-5", "0", "5"}, new Axis(-8.2, 7.6, false).ticks(3).labels());
    }

    @Test
    void logTicksArePowersOfTenOverManyDecadesAndRoundNumbersOverFew() {
        assertArrayEquals(new String[] {"10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"},
                new Axis(5e-6, 0.2, true).ticks(8).labels());
        assertArrayEquals(new String[] {"10⁻³", "10⁰", "10³"}, new Axis(1e-5, 1e3, true).ticks(4).labels());
        assertArrayEquals(new String[] {"1", "2", "5", "10"}, new Axis(0.9, 11, true).ticks(8).labels());
    }

    /** A loss ratio from 1.3 down to 1 used to get the single label "1": no 1, 2, 5 × 10ᵏ but 1 lies in range. */
    @Test
    void aLogAxisOverLessThanADecadeGetsAtLeastThreeLabels() {
        Axis.Ticks ratio = Axis.fit(1, 1.302, true).ticks(7);
        assertArrayEquals(new String[] {"1.0", "1.1", "1.2", "1.3"}, ratio.labels());
        for (Axis narrow : new Axis[] {new Axis(1.5, 9, true), new Axis(0.0101, 0.0108, true),
            new Axis(3e-7, 8e-7, true), new Axis(0.9, 1.1, true)}) {
            for (int most = 2; most <= 10; most++) {
                Axis.Ticks ticks = narrow.ticks(most);
                assertTrue(ticks.values().length >= 3, narrow + " with at most " + most + " ticks: "
                        + List.of(ticks.labels()));
                assertEquals(ticks.labels().length, Set.of(ticks.labels()).size(), "distinct labels "
                        + List.of(ticks.labels()));
                for (double v : ticks.values()) {
                    assertTrue(v >= narrow.min() && v <= narrow.max(), v + " inside " + narrow);
                }
            }
        }
    }

    /** Evenly stepped ticks bunch towards the top of a log axis: a whole decade asks for fewer of them. */
    @Test
    void evenStepsOnALogAxisLeaveRoomAtTheTop() {
        Axis decade = new Axis(1.5, 9, true);
        Axis.Ticks ticks = decade.ticks(8);
        double[] v = ticks.values();
        double narrowest = decade.fraction(v[v.length - 1]) - decade.fraction(v[v.length - 2]);
        assertTrue(narrowest >= 1.0 / 8, "top gap " + narrowest + " of the axis, ticks " + List.of(ticks.labels()));
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
