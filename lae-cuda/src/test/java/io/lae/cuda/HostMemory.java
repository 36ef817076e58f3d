package io.lae.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host-memory stand-in for a GPU's memory, with the same lifetime rules: every address it is handed must lie in
 * an allocation it made and has not freed, or it throws, so a matrix that passed on the address of freed memory
 * would fail here too, instead of reading whatever now lies there. "Queued" operations run at once.
 */
final class HostMemory implements DeviceMemory {

    private final Map<Long, MemorySegment> live = new TreeMap<>();
    private int frees;

    @Override
    public MemorySegment allocate(long bytes) {
        MemorySegment segment = Arena.ofAuto().allocate(bytes, 16);
        live.put(segment.address(), segment);
        return MemorySegment.ofAddress(segment.address());
    }

    @Override
    public void free(MemorySegment pointer) {
        if (live.remove(pointer.address()) == null) {
            throw new IllegalStateException("free of " + pointer + ", which is not an allocation that is live");
        }
        frees++;
    }

    @Override
    public void zeroAsync(MemorySegment pointer, long bytes) {
        resolve(pointer, bytes).fill((byte) 0);
    }

    @Override
    public void toDevice(MemorySegment device, MemorySegment host, long bytes) {
        resolve(device, bytes).copyFrom(host.asSlice(0, bytes));
    }

    @Override
    public void toHost(MemorySegment host, MemorySegment device, long bytes) {
        host.asSlice(0, bytes).copyFrom(resolve(device, bytes));
    }

    @Override
    public void copyAsync(MemorySegment to, MemorySegment from, long bytes) {
        resolve(to, bytes).copyFrom(resolve(from, bytes));
    }

    /** @return the {@code bytes} bytes at {@code pointer}, which must lie within one live allocation */
    private MemorySegment resolve(MemorySegment pointer, long bytes) {
        long address = pointer.address();
        for (MemorySegment segment : live.values()) {
            long offset = address - segment.address();
            if (offset >= 0 && offset + bytes <= segment.byteSize()) {
                return segment.asSlice(offset, bytes);
            }
        }
        throw new IllegalStateException(bytes + " bytes at " + Long.toHexString(address) + " lie in no live allocation");
    }

    /** @return the allocations not yet freed */
    int liveAllocations() {
        return live.size();
    }

    /** @return how many allocations were freed */
    int frees() {
        return frees;
    }
}
