package io.lae.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.Precision;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceMatrix}'s lifetime rules, on a host-memory stand-in for device memory ({@link HostMemory}, which
 * also refuses any address outside a live allocation): values round-trip, a view shows its owner's memory, and a
 * view used after its owner's close throws a clear {@link IllegalStateException} naming both, in every way it can be
 * used; closing a view frees nothing, and closing an owner twice frees once.
 */
class DeviceMatrixTest {

    private final HostMemory memory = new HostMemory();

    private DeviceMatrix upload(double[] values, int rows, int cols, Precision precision) {
        DeviceMatrix m = DeviceMatrix.zeros(memory, rows, cols, precision);
        m.upload(values);
        return m;
    }

    @Test
    void valuesRoundTripInEitherPrecisionAndAViewShowsItsOwnersMemory() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8};
        try (DeviceMatrix m = upload(values, 2, 4, Precision.FLOAT64)) {
            assertArrayEquals(values, m.download());
            DeviceMatrix middle = m.columns(1, 2);
            assertArrayEquals(new double[] {3, 4, 5, 6}, middle.download());
            middle.block(1, 1, 2).upload(new double[] {-4, -5});
            assertArrayEquals(new double[] {1, 2, 3, -4, -5, 6, 7, 8}, m.download(), "a view of a view writes the owner");
            middle.zero();
            assertArrayEquals(new double[] {1, 2, 0, 0, 0, 0, 7, 8}, m.download());
        }
        try (DeviceMatrix f = upload(new double[] {0.1, 1e40}, 2, 1, Precision.FLOAT32)) {
            assertArrayEquals(new double[] {0.1f, Float.POSITIVE_INFINITY}, f.download());
        }
    }

    @Test
    void aViewUsedAfterItsOwnersCloseThrowsNamingBoth() {
        DeviceMatrix owner = upload(new double[12], 3, 4, Precision.FLOAT64);
        DeviceMatrix source = DeviceMatrix.zeros(memory, 3, 1, Precision.FLOAT64);
        DeviceMatrix view = owner.columns(2, 1);
        DeviceMatrix viewOfView = view.block(1, 2, 1);
        owner.close();
        List<Consumer<DeviceMatrix>> uses = List.of(DeviceMatrix::pointer, DeviceMatrix::download, DeviceMatrix::zero,
                m -> m.upload(new double[(int) m.length()]), m -> m.block(0, 1, 1), m -> m.columns(0, 1));
        for (DeviceMatrix v : List.of(view, viewOfView)) {
            for (Consumer<DeviceMatrix> use : uses) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> use.accept(v));
                assertTrue(e.getMessage().contains("used after the 3×4 float64 device matrix, whose memory it shows, was"
                        + " closed"), e.getMessage());
                assertTrue(e.getMessage().startsWith("the " + v.rows() + "×1 float64 device matrix viewing entries from "
                        + (v == view ? 6 : 7)), e.getMessage());
            }
        }
        assertThrows(IllegalStateException.class, () -> view.copyFrom(source), "as a copy's destination");
        DeviceMatrix into = DeviceMatrix.zeros(memory, 2, 1, Precision.FLOAT64);
        assertThrows(IllegalStateException.class, () -> into.copyFrom(viewOfView), "as a copy's source");
        source.close();
        into.close();
        assertEquals(0, memory.liveAllocations());
    }

    @Test
    void aMatrixUsedAfterItsOwnCloseThrows() {
        DeviceMatrix m = DeviceMatrix.zeros(memory, 2, 2, Precision.FLOAT32);
        m.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, m::download);
        assertEquals("the 2×2 float32 device matrix used after its close", e.getMessage());
    }

    @Test
    void closingAViewFreesNothingAndClosingAnOwnerTwiceFreesOnce() {
        DeviceMatrix owner = upload(new double[] {1, 2, 3, 4}, 2, 2, Precision.FLOAT64);
        DeviceMatrix view = owner.columns(0, 1);
        view.close();
        assertThrows(IllegalStateException.class, view::download, "a closed view is closed");
        assertArrayEquals(new double[] {1, 2, 3, 4}, owner.download(), "its owner is not");
        assertEquals(0, memory.frees());
        owner.close();
        owner.close();
        assertEquals(1, memory.frees());
        assertEquals(0, memory.liveAllocations());
    }

    @Test
    void theStandInRefusesAnAddressOutsideItsLiveAllocations() {
        DeviceMatrix m = DeviceMatrix.zeros(memory, 2, 2, Precision.FLOAT64);
        java.lang.foreign.MemorySegment freed = m.pointer();
        m.close();
        assertThrows(IllegalStateException.class, () -> memory.zeroAsync(freed, 8));
        assertEquals(0, memory.liveAllocations());
    }
}
