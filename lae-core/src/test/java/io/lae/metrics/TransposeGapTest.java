package io.lae.metrics;

import io.lae.TestData;

import static io.lae.TestData.nd;
import static io.lae.metrics.ShapeErrors.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class TransposeGapTest {

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void matchesALoop(int n, int p) {
        Random rng = new Random(n * 7L + p);
        double[][] encoder = TestData.gaussian(p, n, 1, rng);
        double[][] decoder = TestData.gaussian(n, p, 1, rng);
        double expected = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < n; j++) {
                double difference = encoder[i][j] - decoder[j][i];
                expected += difference * difference;
            }
        }

        assertEquals(expected, TransposeGap.of(nd(encoder), nd(decoder).dup('f')), 1e-12 * expected);
    }

    @Test
    void isZeroForTiedWeights() {
        double[][] decoder = TestData.gaussian(9, 4, 1, new Random(20));

        assertEquals(0.0, TransposeGap.of(nd(TestData.transpose(decoder)), nd(decoder)));
        assertEquals(0.0, TransposeGap.of(nd(decoder).transpose().castTo(DataType.FLOAT), nd(decoder).castTo(DataType.FLOAT)));
    }

    @Test
    void rejectsAnEncoderNotShapedLikeTheTransposedDecoder() {
        assertRejectedNaming(() -> TransposeGap.of(nd(new double[7][3]), nd(new double[7][3])), "[7, 3]", "[3, 7]");
        assertRejectedNaming(() -> TransposeGap.of(nd(new double[3][6]), nd(new double[7][3])), "[3, 6]", "[7, 3]");
    }
}
