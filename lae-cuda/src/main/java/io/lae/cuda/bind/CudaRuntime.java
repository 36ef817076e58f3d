package io.lae.cuda.bind;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lae.cuda.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The CUDA runtime API ({@code libcudart.so.13} or {@code .12}) as lae uses it: devices, memory,
 * copies, streams and events. Every call checks its status and throws {@link CudaException} with
 * the runtime's own description of the error.
 */
public final class CudaRuntime {

    /** cudaMemcpyKind: host to device. */
    public static final int HOST_TO_DEVICE = 1;
    /** cudaMemcpyKind: device to host. */
    public static final int DEVICE_TO_HOST = 2;
    /** cudaMemcpyKind: device to device. */
    public static final int DEVICE_TO_DEVICE = 3;

    private static final int ATTRIBUTE_MULTIPROCESSORS = 16;
    private static final int ATTRIBUTE_MAJOR = 75;
    private static final int ATTRIBUTE_MINOR = 76;

    private final NativeLibrary library;
    private final MethodHandle getErrorString;
    private final MethodHandle runtimeGetVersion;
    private final MethodHandle driverGetVersion;
    private final MethodHandle getDeviceCount;
    private final MethodHandle setDevice;
    private final MethodHandle deviceGetAttribute;
    private final MethodHandle memGetInfo;
    private final MethodHandle malloc;
    private final MethodHandle free;
    private final MethodHandle mallocHost;
    private final MethodHandle freeHost;
    private final MethodHandle memcpy;
    private final MethodHandle memcpyAsync;
    private final MethodHandle memsetAsync;
    private final MethodHandle streamCreate;
    private final MethodHandle streamSynchronize;
    private final MethodHandle streamDestroy;
    private final MethodHandle eventCreate;
    private final MethodHandle eventRecord;
    private final MethodHandle eventSynchronize;
    private final MethodHandle eventElapsedTime;
    private final MethodHandle eventDestroy;
    private final MethodHandle deviceSynchronize;

    private CudaRuntime(NativeLibrary library) {
        this.library = library;
        FunctionDescriptor intOfAddress = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        getErrorString = library.function("cudaGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        runtimeGetVersion = library.function("cudaRuntimeGetVersion", intOfAddress);
        driverGetVersion = library.function("cudaDriverGetVersion", intOfAddress);
        getDeviceCount = library.function("cudaGetDeviceCount", intOfAddress);
        setDevice = library.function("cudaSetDevice", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        deviceGetAttribute = library.function("cudaDeviceGetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        memGetInfo = library.function("cudaMemGetInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        malloc = library.function("cudaMalloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        free = library.function("cudaFree", intOfAddress);
        mallocHost = library.function("cudaMallocHost", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        freeHost = library.function("cudaFreeHost", intOfAddress);
        memcpy = library.function("cudaMemcpy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        memcpyAsync = library.function("cudaMemcpyAsync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        memsetAsync = library.function("cudaMemsetAsync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
        streamCreate = library.function("cudaStreamCreate", intOfAddress);
        streamSynchronize = library.function("cudaStreamSynchronize", intOfAddress);
        streamDestroy = library.function("cudaStreamDestroy", intOfAddress);
        eventCreate = library.function("cudaEventCreate", intOfAddress);
        eventRecord = library.function("cudaEventRecord", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        eventSynchronize = library.function("cudaEventSynchronize", intOfAddress);
        eventElapsedTime = library.function("cudaEventElapsedTime",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        eventDestroy = library.function("cudaEventDestroy", intOfAddress);
        deviceSynchronize = library.function("cudaDeviceSynchronize", FunctionDescriptor.of(JAVA_INT));
    }

    /**
     * @return the CUDA 13 or 12 runtime, whichever is found first
     * @throws CudaException if neither can be opened
     */
    public static CudaRuntime load() {
        return NativeLibrary.open(List.of("libcudart.so.13", "libcudart.so.12"))
                .map(CudaRuntime::new)
                .orElseThrow(() -> new CudaException("no CUDA runtime (libcudart.so.13 or .12) found: install the"
                        + " CUDA 12 or 13 runtime, or name its directory in " + NativeLibrary.LIBRARY_PATH_VARIABLE));
    }

    /** @return where the library was opened from */
    public String file() {
        return library.file();
    }

    private String describe(int code) {
        try {
            MemorySegment text = (MemorySegment) getErrorString.invokeExact(code);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "CUDA error";
        }
    }

    private void check(int code, String call) {
        Status.check(code, call, this::describe);
    }

    private int readInt(String call, IntOut body) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check(body.call(out), call);
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Status.wrap(call, t);
        }
    }

    private MemorySegment readAddress(String call, IntOut body) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check(body.call(out), call);
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw Status.wrap(call, t);
        }
    }

    @FunctionalInterface
    private interface IntOut {
        int call(MemorySegment out) throws Throwable;
    }

    @FunctionalInterface
    private interface Call {
        int call() throws Throwable;
    }

    private void run(String call, Call body) {
        int code;
        try {
            code = body.call();
        } catch (Throwable t) {
            throw Status.wrap(call, t);
        }
        check(code, call);
    }

    /** @return the runtime's version, 1000·major + 10·minor */
    public int runtimeVersion() {
        return readInt("cudaRuntimeGetVersion", out -> (int) runtimeGetVersion.invokeExact(out));
    }

    /** @return the newest CUDA version the installed driver supports (0 without a driver) */
    public int driverVersion() {
        return readInt("cudaDriverGetVersion", out -> (int) driverGetVersion.invokeExact(out));
    }

    /** @return the number of CUDA devices */
    public int deviceCount() {
        return readInt("cudaGetDeviceCount", out -> (int) getDeviceCount.invokeExact(out));
    }

    /** @param device the ordinal to make current on this thread (creates its primary context) */
    public void setDevice(int device) {
        run("cudaSetDevice", () -> (int) setDevice.invokeExact(device));
    }

    /** @return {major, minor} compute capability of {@code device} */
    public int[] computeCapability(int device) {
        return new int[] {attribute(ATTRIBUTE_MAJOR, device), attribute(ATTRIBUTE_MINOR, device)};
    }

    /** @return the number of streaming multiprocessors of {@code device} */
    public int multiprocessors(int device) {
        return attribute(ATTRIBUTE_MULTIPROCESSORS, device);
    }

    private int attribute(int attribute, int device) {
        return readInt("cudaDeviceGetAttribute",
                out -> (int) deviceGetAttribute.invokeExact(out, attribute, device));
    }

    /** @return {free, total} bytes of the current device */
    public long[] memoryInfo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment freeBytes = arena.allocate(JAVA_LONG);
            MemorySegment totalBytes = arena.allocate(JAVA_LONG);
            run("cudaMemGetInfo", () -> (int) memGetInfo.invokeExact(freeBytes, totalBytes));
            return new long[] {freeBytes.get(JAVA_LONG, 0), totalBytes.get(JAVA_LONG, 0)};
        }
    }

    /** @return {@code bytes} of device memory (uninitialised) */
    public MemorySegment malloc(long bytes) {
        return readAddress("cudaMalloc of " + bytes + " bytes", out -> (int) malloc.invokeExact(out, bytes));
    }

    /** @param pointer device memory from {@link #malloc} */
    public void free(MemorySegment pointer) {
        run("cudaFree", () -> (int) free.invokeExact(pointer));
    }

    /** @return {@code bytes} of page-locked host memory, sized to be read and written from Java */
    public MemorySegment mallocHost(long bytes) {
        return readAddress("cudaMallocHost of " + bytes + " bytes", out -> (int) mallocHost.invokeExact(out, bytes))
                .reinterpret(bytes);
    }

    /** @param pointer page-locked memory from {@link #mallocHost} */
    public void freeHost(MemorySegment pointer) {
        run("cudaFreeHost", () -> (int) freeHost.invokeExact(pointer));
    }

    /** A synchronous copy of {@code bytes}; {@code kind} is one of the constants above. */
    public void memcpy(MemorySegment destination, MemorySegment source, long bytes, int kind) {
        run("cudaMemcpy", () -> (int) memcpy.invokeExact(destination, source, bytes, kind));
    }

    /** A copy of {@code bytes} queued on {@code stream}. */
    public void memcpyAsync(MemorySegment destination, MemorySegment source, long bytes, int kind,
                            MemorySegment stream) {
        run("cudaMemcpyAsync", () -> (int) memcpyAsync.invokeExact(destination, source, bytes, kind, stream));
    }

    /** Sets {@code bytes} of device memory to zero, queued on {@code stream}. */
    public void zeroAsync(MemorySegment pointer, long bytes, MemorySegment stream) {
        run("cudaMemsetAsync", () -> (int) memsetAsync.invokeExact(pointer, 0, bytes, stream));
    }

    /** @return a new stream */
    public MemorySegment streamCreate() {
        return readAddress("cudaStreamCreate", out -> (int) streamCreate.invokeExact(out));
    }

    /** Waits for everything queued on {@code stream}. */
    public void streamSynchronize(MemorySegment stream) {
        run("cudaStreamSynchronize", () -> (int) streamSynchronize.invokeExact(stream));
    }

    /** @param stream a stream from {@link #streamCreate} */
    public void streamDestroy(MemorySegment stream) {
        run("cudaStreamDestroy", () -> (int) streamDestroy.invokeExact(stream));
    }

    /** Waits for all work on the current device. */
    public void deviceSynchronize() {
        run("cudaDeviceSynchronize", () -> (int) deviceSynchronize.invokeExact());
    }

    /** @return a new event */
    public MemorySegment eventCreate() {
        return readAddress("cudaEventCreate", out -> (int) eventCreate.invokeExact(out));
    }

    /** Records {@code event} on {@code stream}. */
    public void eventRecord(MemorySegment event, MemorySegment stream) {
        run("cudaEventRecord", () -> (int) eventRecord.invokeExact(event, stream));
    }

    /** Waits until {@code event} has happened. */
    public void eventSynchronize(MemorySegment event) {
        run("cudaEventSynchronize", () -> (int) eventSynchronize.invokeExact(event));
    }

    /** @return milliseconds between two recorded events (resolution about 0.5 µs) */
    public float elapsedMillis(MemorySegment start, MemorySegment end) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_FLOAT);
            run("cudaEventElapsedTime", () -> (int) eventElapsedTime.invokeExact(out, start, end));
            return out.get(JAVA_FLOAT, 0);
        }
    }

    /** @param event an event from {@link #eventCreate} */
    public void eventDestroy(MemorySegment event) {
        run("cudaEventDestroy", () -> (int) eventDestroy.invokeExact(event));
    }
}
