package io.lae.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The device a run computes on, read from what every ND4J backend exposes
 * ({@code Nd4j.getExecutioner().getEnvironmentInformation()}), so nothing here depends on a backend class.
 * On the CUDA backend the properties hold {@code cuda.devicesInformation}, one map per GPU with
 * {@code cuda.deviceName}, {@code cuda.freeMemory}, {@code cuda.totalMemory}, {@code cuda.deviceMajor} and
 * {@code cuda.deviceMinor}; without it the device is the host's processor and its memory.
 *
 * @param backend           the backend's name in the properties ({@code CPU}, {@code CUDA})
 * @param name              the GPU's name, or the host's processor
 * @param computeCapability {@code major.minor} of a GPU, or null
 * @param totalBytes        the device's memory
 * @param freeBytes         what a run can still allocate on it (on the CPU: {@link Host#availableBytes()})
 * @param driverVersion     the NVIDIA driver, or null (CPU, or not on Linux)
 * @param runtimeVersion    the CUDA version ND4J was built with, or null on the CPU
 */
public record DeviceInfo(String backend, String name, String computeCapability, long totalBytes, long freeBytes,
                         String driverVersion, String runtimeVersion) {

    /** The key of the per-GPU list in the environment properties. */
    public static final String DEVICES_KEY = "cuda.devicesInformation";
    private static final Path NVIDIA_DRIVER = Path.of("/proc/driver/nvidia/version");
    private static final Pattern DRIVER_VERSION = Pattern.compile("Kernel Module\\s+(?:for \\S+\\s+)?(\\d+(?:\\.\\d+)+)");

    /** @return the device the current thread computes on, with its memory now */
    public static DeviceInfo current() {
        Environment env = Nd4j.getEnvironment();
        String runtime = env.isCPU() ? null
                : env.blasMajorVersion() + "." + env.blasMinorVersion() + "." + env.blasPatchVersion();
        return parse(Nd4j.getExecutioner().getEnvironmentInformation(),
                Nd4j.getAffinityManager().getDeviceForCurrentThread(), Host.current(), installedDriver(), runtime);
    }

    /**
     * @param environment    ND4J's environment properties
     * @param device         the index of the current GPU in {@code cuda.devicesInformation} (ignored on the CPU)
     * @param host           the host, which is the device when there is no GPU list
     * @param driverVersion  the NVIDIA driver version, or null
     * @param runtimeVersion the CUDA version, or null
     * @return the device
     * @throws IllegalArgumentException if the GPU list has no entry {@code device}
     */
    public static DeviceInfo parse(Properties environment, int device, Host host, String driverVersion,
                                   String runtimeVersion) {
        String backend = String.valueOf(environment.getOrDefault("backend", "unknown"));
        if (!(environment.get(DEVICES_KEY) instanceof List<?> gpus) || gpus.isEmpty()) {
            return new DeviceInfo(backend, host.cpu(), null, host.totalBytes(), host.availableBytes(), null, null);
        }
        if (device < 0 || device >= gpus.size() || !(gpus.get(device) instanceof Map<?, ?> gpu)) {
            throw new IllegalArgumentException("no entry for device " + device + " in " + DEVICES_KEY + " " + gpus);
        }
        return new DeviceInfo(backend, String.valueOf(gpu.get("cuda.deviceName")),
                number(gpu, "cuda.deviceMajor") + "." + number(gpu, "cuda.deviceMinor"),
                number(gpu, "cuda.totalMemory"), number(gpu, "cuda.freeMemory"), driverVersion, runtimeVersion);
    }

    /** @return whether the device is a GPU rather than the host */
    public boolean isGpu() {
        return computeCapability != null;
    }

    private static long number(Map<?, ?> gpu, String key) {
        if (!(gpu.get(key) instanceof Number value)) {
            throw new IllegalArgumentException(DEVICES_KEY + " has no number " + key + ": " + gpu);
        }
        return value.longValue();
    }

    /** @return the driver version in /proc/driver/nvidia/version, or null where there is none */
    private static String installedDriver() {
        try {
            return driverVersionIn(Files.readString(NVIDIA_DRIVER));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @param procVersion the text of /proc/driver/nvidia/version
     * @return the version after "Kernel Module" (proprietary or open module), or null
     */
    static String driverVersionIn(String procVersion) {
        Matcher m = DRIVER_VERSION.matcher(procVersion);
        return m.find() ? m.group(1) : null;
    }
}
