package io.lae.cuda;

import io.lae.Precision;
import io.lae.cuda.bind.Cublas;
import io.lae.cuda.bind.CudaDriver;
import io.lae.cuda.bind.CudaRuntime;
import io.lae.cuda.bind.Nvrtc;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GPU opened by lae's CUDA engine: the CUDA 12/13 runtime, driver API, cuBLAS and NVRTC bound
 * through Java's FFM API (no JNI, nothing shared with ND4J's JavaCPP), one stream every operation is
 * queued on, and the compiled kernels. Use it from one thread.
 */
public final class CudaDevice implements AutoCloseable {

    /** The oldest architecture lae's kernels are compiled for: CUDA 13 dropped Volta (sm_70). */
    public static final int OLDEST_SM_WITH_CUDA_13 = 75;

    private final CudaRuntime runtime;
    private final Cublas cublas;
    private final Kernels kernels;
    private final MemorySegment stream;
    private final DeviceDescription description;
    private final DeviceMemory memory = new GpuMemory();

    private CudaDevice(int ordinal) {
        runtime = CudaRuntime.load();
        int driverVersion = runtime.driverVersion();
        if (driverVersion == 0) {
            throw new CudaException("no NVIDIA driver is loaded (cudaDriverGetVersion gives 0): this machine has no"
                    + " usable NVIDIA GPU");
        }
        int runtimeVersion = runtime.runtimeVersion();
        if (driverVersion < runtimeVersion) {
            throw new CudaException("the NVIDIA driver supports CUDA " + driverVersion / 1000 + "." + driverVersion % 1000 / 10
                    + " but lae found the CUDA " + runtimeVersion / 1000 + " runtime (" + runtime.file()
                    + "): update the driver, or put a CUDA " + driverVersion / 1000 + " runtime first in "
                    + io.lae.cuda.bind.NativeLibrary.LIBRARY_PATH_VARIABLE);
        }
        int count;
        try {
            count = runtime.deviceCount();
        } catch (CudaException e) {
            throw new CudaException("no usable CUDA GPU: " + e.getMessage(), e);
        }
        if (ordinal >= count) {
            throw new CudaException("CUDA device " + ordinal + " does not exist (" + count + " found)");
        }
        runtime.setDevice(ordinal);
        int[] cc = runtime.computeCapability(ordinal);
        int runtimeMajor = runtimeVersion / 1000;
        if (runtimeMajor >= 13 && cc[0] * 10 + cc[1] < OLDEST_SM_WITH_CUDA_13) {
            throw new CudaException("the GPU is sm_" + cc[0] + cc[1] + ", which CUDA 13 no longer supports: use a CUDA 12"
                    + " runtime (" + io.lae.cuda.bind.NativeLibrary.LIBRARY_PATH_VARIABLE + ")");
        }
        CudaDriver driver = CudaDriver.load();
        stream = runtime.streamCreate();
        cublas = Cublas.open(runtimeMajor, stream);
        List<Integer> majors = new ArrayList<>(List.of(runtimeMajor));
        majors.add(runtimeMajor == 13 ? 12 : 13);
        Nvrtc nvrtc = Nvrtc.load(majors);
        int[] nvrtcVersion = nvrtc.version();
        int multiprocessors = runtime.multiprocessors(ordinal);
        kernels = new Kernels(driver, nvrtc, cc, multiprocessors);
        long[] memory = runtime.memoryInfo();
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("cudart", runtime.file());
        libraries.put("cublas", cublas.file());
        libraries.put("nvrtc", nvrtc.file());
        description = new DeviceDescription(ordinal, driver.deviceName(ordinal), cc[0], cc[1], multiprocessors,
                memory[1], memory[0], driverVersion, runtimeVersion, cublas.version(),
                nvrtcVersion[0] + "." + nvrtcVersion[1], libraries);
    }

    /**
     * Opens device 0.
     *
     * @return the device, with its kernels compiled for both precisions
     * @throws CudaException naming what is missing (driver, runtime, cuBLAS, NVRTC, a GPU) or what failed
     */
    public static CudaDevice open() {
        CudaDevice device = new CudaDevice(0);
        for (Precision p : Precision.values()) {
            device.kernels.prepare(p);
        }
        return device;
    }

    /** @return bytes of device memory free now */
    public long freeBytes() {
        return runtime.memoryInfo()[0];
    }

    /** @return the GPU and CUDA stack */
    public DeviceDescription description() {
        return description;
    }

    CudaRuntime runtime() {
        return runtime;
    }

    Cublas cublas() {
        return cublas;
    }

    MemorySegment stream() {
        return stream;
    }

    /** @return a new zero rows×cols matrix */
    public DeviceMatrix zeros(int rows, int cols, Precision precision) {
        return DeviceMatrix.zeros(memory, rows, cols, precision);
    }

    /** @return a new matrix holding {@code columnMajor} */
    public DeviceMatrix upload(double[] columnMajor, int rows, int cols, Precision precision) {
        DeviceMatrix m = zeros(rows, cols, precision);
        m.upload(columnMajor);
        return m;
    }

    /**
     * Queues an element-wise kernel ({@link Kernels#launch}).
     *
     * @param precision the precision of the module: the kernel's {@code real}
     */
    void launch(Kernel kernel, Precision precision) {
        kernels.launch(kernel, precision, stream);
    }

    /**
     * C ← α op(A) op(B) + β C on matrices of one precision (their shapes give m, n, k), queued.
     */
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DeviceMatrix a, DeviceMatrix b, double beta,
              DeviceMatrix c) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n || a.precision() != c.precision() || b.precision() != c.precision()) {
            throw new IllegalArgumentException("gemm shapes " + a.rows() + "×" + a.cols() + (transposeA ? "ᵀ" : "") + " · "
                    + b.rows() + "×" + b.cols() + (transposeB ? "ᵀ" : "") + " → " + c.rows() + "×" + c.cols());
        }
        cublas.gemm(c.precision().isDouble(), transposeA, transposeB, m, n, k, alpha, a.pointer(), a.rows(),
                b.pointer(), b.rows(), beta, c.pointer(), c.rows());
    }

    /** Waits for everything queued. */
    public void synchronize() {
        runtime.streamSynchronize(stream);
    }

    /** @return a timer of queued work, by CUDA events on this device's stream */
    public GpuTimer timer() {
        return new GpuTimer(runtime, stream);
    }

    /** Waits for the queued work, then unloads the kernels' modules and releases cuBLAS and the stream. */
    @Override
    public void close() {
        synchronize();
        kernels.close();
        cublas.close();
        runtime.streamDestroy(stream);
    }

    /** The GPU's memory through the CUDA runtime, every queued operation on this device's stream. */
    private final class GpuMemory implements DeviceMemory {

        @Override
        public MemorySegment allocate(long bytes) {
            return runtime.malloc(bytes);
        }

        @Override
        public void free(MemorySegment pointer) {
            synchronize();
            runtime.free(pointer);
        }

        @Override
        public void zeroAsync(MemorySegment pointer, long bytes) {
            runtime.zeroAsync(pointer, bytes, stream);
        }

        @Override
        public void toDevice(MemorySegment device, MemorySegment host, long bytes) {
            synchronize();
            runtime.memcpy(device, host, bytes, CudaRuntime.HOST_TO_DEVICE);
        }

        @Override
        public void toHost(MemorySegment host, MemorySegment device, long bytes) {
            synchronize();
            runtime.memcpy(host, device, bytes, CudaRuntime.DEVICE_TO_HOST);
        }

        @Override
        public void copyAsync(MemorySegment to, MemorySegment from, long bytes) {
            runtime.memcpyAsync(to, from, bytes, CudaRuntime.DEVICE_TO_DEVICE, stream);
        }
    }
}
