package io.lae.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The longest streak counted by hand: leading columns within π/8 of their own true direction, in order. */
class LongestStreakTest {

    private static final INDArray AXES = Nd4j.eye(4).castTo(DataType.DOUBLE);

    /** A column at angle θ from axis i towards axis j, scaled by s. */
    private static void tilt(INDArray a, int column, int i, int j, double theta, double s) {
        a.putColumn(column, Nd4j.zeros(DataType.DOUBLE, 4));
        a.putScalar(i, column, s * Math.cos(theta));
        a.putScalar(j, column, s * Math.sin(theta));
    }

    @Test
    void countsLeadingColumnsWithinAnEighthOfPi() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        tilt(a, 0, 0, 3, 0.1, -2.0); // sign and length do not count
        tilt(a, 1, 1, 3, Math.PI / 8 - 1e-9, 0.5);
        tilt(a, 2, 2, 3, 0.0, 1.0);
        assertEquals(3, LongestStreak.of(a, AXES));
        tilt(a, 1, 1, 3, Math.PI / 8 + 1e-6, 0.5);
        assertEquals(1, LongestStreak.of(a, AXES), "the streak ends at the first column past π/8, found ones after it");
    }

    @Test
    void swappedDirectionsAreNoStreak() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 4, 2);
        tilt(a, 0, 1, 3, 0, 1);
        tilt(a, 1, 0, 3, 0, 1);
        assertEquals(0, LongestStreak.of(a, AXES));
    }
}
