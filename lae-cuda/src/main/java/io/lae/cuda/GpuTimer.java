package io.lae.cuda;

import io.lae.cuda.bind.CudaRuntime;
import java.lang.foreign.MemorySegment;

/** Times work queued on a stream between {@link #start} and {@link #stopMillis} with CUDA events. */
public final class GpuTimer implements AutoCloseable {

    private final CudaRuntime runtime;
    private final MemorySegment stream;
    private final MemorySegment start;
    private final MemorySegment end;

    GpuTimer(CudaRuntime runtime, MemorySegment stream) {
        this.runtime = runtime;
        this.stream = stream;
        this.start = runtime.eventCreate();
        this.end = runtime.eventCreate();
    }

    /** Records the start on the stream. */
    public void start() {
        runtime.eventRecord(start, stream);
    }

    /** @return milliseconds of device time since {@link #start}, after waiting for the work */
    public double stopMillis() {
        runtime.eventRecord(end, stream);
        runtime.eventSynchronize(end);
        return runtime.elapsedMillis(start, end);
    }

    @Override
    public void close() {
        runtime.eventDestroy(start);
        runtime.eventDestroy(end);
    }
}
