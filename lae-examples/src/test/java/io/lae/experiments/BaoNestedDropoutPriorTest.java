package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lae.train.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BaoNestedDropoutPriorTest {

    /** Unit i's movement is over its decoder column and encoder row together, relative to where they started. */
    @Test
    void unitMovementIsRelativeToTheUnitsStart() {
        Model start = Model.of(Nd4j.createFromArray(new double[][] {{3, 0}, {0, 1}}),
                Nd4j.createFromArray(new double[][] {{4, 0}, {0, 1}}));
        Model end = Model.of(Nd4j.createFromArray(new double[][] {{3, 0}, {0, 1}}),
                Nd4j.createFromArray(new double[][] {{4, 0}, {0, 3}}));
        // unit 0: ‖(4, 0), (3, 0)‖ = 5, unmoved; unit 1: decoder column (0, 1) → (0, 3), moved by 2 of ‖(0, 1), (0, 1)‖ = √2
        assertArrayEquals(new double[] {0, 2 / Math.sqrt(2)}, BaoNestedDropoutPrior.unitMovement(start, end), 1e-15);
        // a unit the fitted model only flipped (its canonical sign) did not move
        Model flipped = Model.of(Nd4j.createFromArray(new double[][] {{-3, 0}, {0, 1}}),
                Nd4j.createFromArray(new double[][] {{-4, 0}, {0, 1}}));
        assertArrayEquals(new double[] {0, 0}, BaoNestedDropoutPrior.unitMovement(start, flipped), 1e-15);
    }
}
