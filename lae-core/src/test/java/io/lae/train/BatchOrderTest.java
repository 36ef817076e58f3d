package io.lae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The order every engine's mini-batches follow. */
class BatchOrderTest {

    @Test
    void everyEpochVisitsEachRowOnceInBatchesOfBThenTheRest() {
        BatchOrder order = new BatchOrder(50, 16, 3);
        assertEquals(4, order.batchesPerEpoch());
        int[] seen = new int[50];
        for (long t = 4; t < 8; t++) {
            BatchOrder.Window w = order.window(t);
            assertEquals(1, w.epoch());
            assertEquals((int) (t - 4) * 16, w.start());
            assertEquals(t == 7 ? 2 : 16, w.size());
            for (int row : order.rowsAt(t)) {
                seen[row]++;
            }
        }
        int[] once = new int[50];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Test
    void theOrderIsTheSeedsAndTheEpochsAlone() {
        BatchOrder order = new BatchOrder(40, 8, 7);
        assertArrayEquals(order.permutation(2), new BatchOrder(40, 8, 7).permutation(2), "no hidden state");
        assertFalse(Arrays.equals(order.permutation(0), order.permutation(1)), "reshuffled every epoch");
        assertFalse(Arrays.equals(order.permutation(0), new BatchOrder(40, 8, 8).permutation(0)), "seeded");
        assertArrayEquals(Arrays.copyOfRange(order.permutation(1), 8, 16), order.rowsAt(6));
    }

    @Test
    void aBatchLargerThanTheDataIsOneBatchOfEveryRow() {
        BatchOrder order = new BatchOrder(5, 64, 0);
        assertEquals(1, order.batchesPerEpoch());
        assertEquals(new BatchOrder.Window(3, 0, 5), order.window(3));
        assertThrows(IllegalArgumentException.class, () -> new BatchOrder(0, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new BatchOrder(4, 0, 0));
    }
}
