package io.lae.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fixtures written by {@code src/test/resources/npy/make_fixtures.py}, and shared checks. */
final class Fixtures {

    private Fixtures() {
    }

    /** @return the path of a fixture file in {@code src/test/resources/npy} */
    static Path fixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixtures' 3 x 4 matrix: {@code (4i + j) * 0.5 - 1.25}. */
    static double[][] matrix() {
        double[][] m = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                m[i][j] = (4 * i + j) * 0.5 - 1.25;
            }
        }
        return m;
    }

    /** The fixtures' vector of length 5: {@code k * 1.5 + 0.25}. */
    static double[] vector() {
        double[] v = new double[5];
        for (int k = 0; k < 5; k++) {
            v[k] = k * 1.5 + 0.25;
        }
        return v;
    }

    /** Asserts that an array is float64 with exactly the expected values, bit for bit. */
    static void assertArray(double[][] expected, INDArray actual) {
        assertEquals(DataType.DOUBLE, actual.dataType());
        assertEquals(2, actual.rank());
        assertEquals(expected.length, actual.size(0), "rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual.size(1), "columns");
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(Double.doubleToLongBits(expected[i][j]), Double.doubleToLongBits(actual.getDouble(i, j)),
                        "element [" + i + ", " + j + "]: expected " + expected[i][j] + " but was " + actual.getDouble(i, j));
            }
        }
    }

    /** Asserts that two arrays have the same shape and float64 values, bit for bit. */
    static void assertSameArray(INDArray expected, INDArray actual) {
        assertEquals(DataType.DOUBLE, actual.dataType());
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()));
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        INDArray a = actual.reshape(actual.length());
        for (long k = 0; k < expected.length(); k++) {
            assertEquals(Double.doubleToLongBits(e.getDouble(k)), Double.doubleToLongBits(a.getDouble(k)),
                    "flat element " + k);
        }
    }

    /** A float64 matrix from rows. */
    static INDArray create(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    /**
     * Asserts that running the code throws a one-line {@link LaeException} that names the file and
     * contains each of the words.
     *
     * @return the message
     */
    static String assertFails(Path file, Executable code, String... words) {
        LaeException e = assertThrows(LaeException.class, code);
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), () -> "names the file: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "one line: " + message);
        for (String word : words) {
            assertTrue(message.contains(word), () -> "contains '" + word + "': " + message);
        }
        return message;
    }
}
