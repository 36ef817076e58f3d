package io.lae.cuda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which GPU and CUDA stack lae's CUDA engine runs on, as {@code lae info}, run.json and the device
 * check report it.
 *
 * @param ordinal         the CUDA device ordinal
 * @param name            e.g. "NVIDIA H200"
 * @param smMajor         compute capability, major (9 for Hopper)
 * @param smMinor         compute capability, minor
 * @param multiprocessors streaming multiprocessors
 * @param totalBytes      device memory
 * @param freeBytes       device memory free when the engine started
 * @param driverVersion   the newest CUDA the driver supports, 1000·major + 10·minor
 * @param runtimeVersion  the CUDA runtime lae loaded, same encoding
 * @param cublasVersion   cuBLAS's version number
 * @param nvrtcVersion    NVRTC's "major.minor"
 * @param libraries       the files of the runtime, cuBLAS and NVRTC as opened
 */
public record DeviceDescription(int ordinal, String name, int smMajor, int smMinor, int multiprocessors,
                                long totalBytes, long freeBytes, int driverVersion, int runtimeVersion,
                                int cublasVersion, String nvrtcVersion, Map<String, String> libraries) {

    /** @return e.g. {@code sm_90} */
    public String sm() {
        return "sm_" + smMajor + smMinor;
    }

    private static String cuda(int version) {
        return (version / 1000) + "." + (version % 1000) / 10;
    }

    /** @return one line: name, SM, memory, driver and runtime */
    public String summary() {
        return String.format("%s (%s, %d SMs, %.1f GiB, %.1f GiB free), driver CUDA %s, runtime CUDA %s, cuBLAS %d,"
                        + " NVRTC %s", name, sm(), multiprocessors, totalBytes / 1073741824.0, freeBytes / 1073741824.0,
                cuda(driverVersion), cuda(runtimeVersion), cublasVersion, nvrtcVersion);
    }

    /** @return the fields as a JSON-ready map */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("engine", "lae-cuda");
        map.put("ordinal", ordinal);
        map.put("name", name);
        map.put("sm", sm());
        map.put("multiprocessors", multiprocessors);
        map.put("memory_bytes", totalBytes);
        map.put("free_bytes", freeBytes);
        map.put("driver_cuda", cuda(driverVersion));
        map.put("runtime_cuda", cuda(runtimeVersion));
        map.put("cublas", cublasVersion);
        map.put("nvrtc", nvrtcVersion);
        map.put("libraries", libraries);
        return map;
    }
}
