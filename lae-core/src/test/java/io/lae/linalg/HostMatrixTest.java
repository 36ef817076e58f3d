package io.lae.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Host matrices against ND4J's own views of the same arrays: blocks, transposes and every other column of
 * row- and column-major arrays, products of such blocks through host BLAS against {@link Nd4j#gemm} of copies,
 * and the element-wise copy, sum and difference, in float64 and float32.
 */
class HostMatrixTest {

    private static INDArray random(DataType type, int rows, int columns, char order, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, rows, columns).castTo(type).dup(order);
    }

    private static void assertSame(INDArray expected, HostMatrix actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.columns(), actual.columns());
        for (int i = 0; i < actual.rows(); i++) {
            for (int j = 0; j < actual.columns(); j++) {
                assertEquals(expected.getDouble(i, j), actual.get(i, j), 0.0, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void blocksAndTransposesAreTheViewsOfTheArray() {
        for (char order : new char[] {'c', 'f'}) {
            INDArray x = random(DataType.DOUBLE, 7, 5, order, 1);
            HostMatrix m = HostMatrix.of(x);
            assertEquals(order == 'c', m.rowMajor());
            assertSame(x, m);
            assertSame(x.get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(1, 4)), m.block(2, 4, 1, 3));
            assertSame(x.transpose(), m.transpose());
            assertSame(x.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()).transpose(),
                    m.block(1, 2, 0, 5).transpose());
            assertThrows(IndexOutOfBoundsException.class, () -> m.block(5, 3, 0, 1));
        }
        INDArray f = random(DataType.DOUBLE, 4, 6, 'f', 2);
        assertSame(f.getColumns(1, 3, 5), HostMatrix.of(f).everyOther(1, 3));
        assertSame(f.getColumns(0, 2), HostMatrix.of(f).everyOther(0, 2));
        assertThrows(IllegalArgumentException.class, () -> HostMatrix.of(f).everyOther(1, 4));
    }

    @Test
    void anArrayWithoutAUnitStrideIsRefused() {
        INDArray x = random(DataType.DOUBLE, 6, 6, 'c', 3);
        assertNull(HostMatrix.of(x.get(NDArrayIndex.interval(0, 2, 6), NDArrayIndex.interval(0, 2, 6))));
        assertNull(HostMatrix.of(Nd4j.create(DataType.INT, 2, 2)));
    }

    @Test
    void productsOfBlocksAreNd4jsProductsOfTheirCopies() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray a = random(type, 9, 8, 'c', 4);
            INDArray b = random(type, 10, 7, 'f', 5);
            INDArray c = random(type, 6, 6, 'f', 6);
            INDArray aBlock = a.get(NDArrayIndex.interval(1, 7), NDArrayIndex.interval(2, 7)).dup();   // 6×5
            INDArray bBlock = b.get(NDArrayIndex.interval(3, 8), NDArrayIndex.interval(1, 7)).dup();   // 5×6
            INDArray expected = Nd4j.gemm(aBlock, bBlock, c.dup(), false, false, 0.5, 2.0);
            HostMatrix out = HostMatrix.of(c);
            HostBlas.gemm(HostMatrix.of(a).block(1, 6, 2, 5), HostMatrix.of(b).block(3, 5, 1, 6), out, 0.5, 2.0);
            double tolerance = type == DataType.DOUBLE ? 1e-14 : 1e-6;
            assertTrue(expected.sub(c).amaxNumber().doubleValue() < tolerance, type + ": A B");
            INDArray aOther = a.get(NDArrayIndex.interval(2, 7), NDArrayIndex.interval(1, 7)).dup();   // 5×6
            INDArray expectedT = Nd4j.gemm(aOther, bBlock, true, false);                             // into row-major
            INDArray rowMajor = Nd4j.create(type, new long[] {6, 6}, 'c');
            HostBlas.gemm(HostMatrix.of(a).block(2, 5, 1, 6).transpose(), HostMatrix.of(b).block(3, 5, 1, 6),
                    HostMatrix.of(rowMajor), 1.0, 0.0);
            assertTrue(expectedT.sub(rowMajor).amaxNumber().doubleValue() < tolerance, type + ": Aᵀ B");
        }
    }

    @Test
    void copySumAndDifferenceAreElementWise() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = random(type, 1500, 3, 'f', 7);                                 // columns longer than a chunk
            INDArray y = random(type, 1500, 3, 'c', 8);
            try (Arena arena = Arena.ofConfined()) {
                HostMatrix target = HostMatrix.allocate(arena, type, 1500, 3);
                HostMatrix.of(y).copyInto(target);
                assertSame(y, target);
                HostMatrix.of(x).copyInto(target);
                assertSame(x, target);
                target.add(HostMatrix.of(x));
                assertSame(x.mul(2), target);
                target.subtract(HostMatrix.of(x));
                assertSame(x, target);
                target.zeroColumnFrom(1, 1000);
                assertEquals(0.0, target.get(1499, 1));
                assertEquals(x.getDouble(999, 1), target.get(999, 1));
                assertEquals(x.getDouble(1499, 2), target.get(1499, 2));
                target.zero();
                assertEquals(0.0, target.dot(HostMatrix.of(x)));
            }
        }
    }
}
