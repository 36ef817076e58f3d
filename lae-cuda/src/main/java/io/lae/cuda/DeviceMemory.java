package io.lae.cuda;

import java.lang.foreign.MemorySegment;

/**
 * Where a {@link DeviceMatrix} takes its memory from and how its values move: allocation, release, and copies,
 * every queued operation on one stream, in order. The GPU's is {@link CudaDevice}'s; the tests run the same
 * lifetime rules on a host-memory stand-in. Addresses are raw: a matrix checks its own lifetime, and its parent's,
 * before it hands one out, so an implementation never sees the address of a matrix that was closed.
 */
interface DeviceMemory {

    /** @return the address of {@code bytes} (at least 1) of new device memory */
    MemorySegment allocate(long bytes);

    /** Waits for the stream, then releases memory that {@link #allocate} returned. */
    void free(MemorySegment pointer);

    /** Queues setting {@code bytes} bytes from {@code pointer} on to 0. */
    void zeroAsync(MemorySegment pointer, long bytes);

    /** Waits for the stream, then copies {@code bytes} bytes of host memory to the device. */
    void toDevice(MemorySegment device, MemorySegment host, long bytes);

    /** Waits for the stream, then copies {@code bytes} bytes of device memory to the host. */
    void toHost(MemorySegment host, MemorySegment device, long bytes);

    /** Queues a copy of {@code bytes} bytes within the device. */
    void copyAsync(MemorySegment to, MemorySegment from, long bytes);
}
