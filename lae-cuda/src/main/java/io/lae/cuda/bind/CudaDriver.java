package io.lae.cuda.bind;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.lae.cuda.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The CUDA driver API ({@code libcuda.so.1}, installed with the NVIDIA driver) for what the runtime
 * API cannot do with code compiled at run time: load a module and launch its kernels. It works in the
 * primary context the runtime made current ({@link CudaRuntime#setDevice}).
 */
public final class CudaDriver {

    private final MethodHandle init;
    private final MethodHandle getErrorString;
    private final MethodHandle deviceGet;
    private final MethodHandle deviceGetName;
    private final MethodHandle moduleLoadData;
    private final MethodHandle moduleGetFunction;
    private final MethodHandle moduleUnload;
    private final MethodHandle launchKernel;

    private CudaDriver(NativeLibrary library) {
        init = library.function("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        getErrorString = library.function("cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        deviceGet = library.function("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        deviceGetName = library.function("cuDeviceGetName",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        moduleLoadData = library.function("cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        moduleGetFunction = library.function("cuModuleGetFunction",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        moduleUnload = library.function("cuModuleUnload", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        launchKernel = library.function("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        check(invoke(() -> (int) init.invokeExact(0)), "cuInit");
    }

    /**
     * @return the driver API, initialised
     * @throws CudaException if no NVIDIA driver is installed or it fails to start
     */
    public static CudaDriver load() {
        return NativeLibrary.open(List.of("libcuda.so.1", "libcuda.so"))
                .map(CudaDriver::new)
                .orElseThrow(() -> new CudaException("no NVIDIA driver (libcuda.so.1) found: this machine has no"
                        + " usable NVIDIA GPU"));
    }

    @FunctionalInterface
    private interface Call {
        int call() throws Throwable;
    }

    private static int invoke(Call call) {
        try {
            return call.call();
        } catch (Throwable t) {
            throw Status.wrap("a CUDA driver call", t);
        }
    }

    private String describe(int code) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            if ((int) getErrorString.invokeExact(code, out) != 0) {
                return "CUDA driver error";
            }
            return out.get(ADDRESS, 0).reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "CUDA driver error";
        }
    }

    private void check(int code, String call) {
        Status.check(code, call, this::describe);
    }

    /** @return the marketing name of device {@code ordinal}, e.g. "NVIDIA H200" */
    public String deviceName(int ordinal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment device = arena.allocate(JAVA_INT);
            check(invoke(() -> (int) deviceGet.invokeExact(device, ordinal)), "cuDeviceGet");
            int handle = device.get(JAVA_INT, 0);
            MemorySegment name = arena.allocate(256);
            check(invoke(() -> (int) deviceGetName.invokeExact(name, 256, handle)), "cuDeviceGetName");
            return name.getString(0);
        }
    }

    /**
     * @param image a CUBIN or NUL-terminated PTX image
     * @return the loaded module (CUmodule) in the current context
     */
    public MemorySegment loadModule(byte[] image) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(image.length + 1L);
            data.copyFrom(MemorySegment.ofArray(image));
            MemorySegment out = arena.allocate(ADDRESS);
            check(invoke(() -> (int) moduleLoadData.invokeExact(out, data)), "cuModuleLoadData");
            return out.get(ADDRESS, 0);
        }
    }

    /** Unloads a module that {@link #loadModule} loaded; its functions become invalid. */
    public void unloadModule(MemorySegment module) {
        check(invoke(() -> (int) moduleUnload.invokeExact(module)), "cuModuleUnload");
    }

    /** @return the kernel (CUfunction) named {@code name} (an {@code extern "C"} name) in {@code module} */
    public MemorySegment function(MemorySegment module, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            MemorySegment cName = arena.allocateFrom(name);
            check(invoke(() -> (int) moduleGetFunction.invokeExact(out, module, cName)), "cuModuleGetFunction " + name);
            return out.get(ADDRESS, 0);
        }
    }

    /**
     * Queues a kernel on {@code stream}.
     *
     * @param parameters void*[] of pointers to each argument's value
     */
    public void launch(MemorySegment function, int gridX, int gridY, int blockX, int blockY, MemorySegment stream,
                       MemorySegment parameters, String name) {
        int code = invoke(() -> (int) launchKernel.invokeExact(function, gridX, gridY, 1, blockX, blockY, 1, 0,
                stream, parameters, MemorySegment.NULL));
        check(code, "launching kernel " + name);
    }
}
