package io.lae.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The device description, from properties shaped like the CUDA backend's and from the live CPU backend. */
class DeviceInfoTest {

    private static final Host HOST = new Host("Some CPU × 2", 16L << 30, 10L << 30);

    /** Two GPUs as CudaExecutioner.getEnvironmentInformation lists them (Long values, major/minor as long). */
    private static Properties cuda() {
        Properties env = new Properties();
        env.put("backend", "CUDA");
        env.put("cuda.availableDevices", 2);
        env.put(DeviceInfo.DEVICES_KEY, List.of(
                Map.of("cuda.deviceName", "NVIDIA A100-SXM4-40GB", "cuda.freeMemory", 40_000_000_000L,
                        "cuda.totalMemory", 42_505_273_344L, "cuda.deviceMajor", 8L, "cuda.deviceMinor", 0L),
                Map.of("cuda.deviceName", "NVIDIA H100 80GB HBM3", "cuda.freeMemory", 80_000_000_000L,
                        "cuda.totalMemory", 85_045_395_456L, "cuda.deviceMajor", 9L, "cuda.deviceMinor", 0L)));
        return env;
    }

    @Test
    void readsTheCurrentGpuFromCudaProperties() {
        DeviceInfo gpu = DeviceInfo.parse(cuda(), 1, HOST, "535.104.05", "11.6.55");
        assertEquals(new DeviceInfo("CUDA", "NVIDIA H100 80GB HBM3", "9.0", 85_045_395_456L, 80_000_000_000L,
                "535.104.05", "11.6.55"), gpu);
        assertTrue(gpu.isGpu());
        assertEquals("8.0", DeviceInfo.parse(cuda(), 0, HOST, null, null).computeCapability());
    }

    @Test
    void rejectsADeviceTheListDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> DeviceInfo.parse(cuda(), 2, HOST, null, null));
    }

    @Test
    void withoutAGpuListTheDeviceIsTheHost() {
        Properties env = new Properties();
        env.put("backend", "CPU");
        DeviceInfo cpu = DeviceInfo.parse(env, 0, HOST, "ignored", "ignored");
        assertEquals(new DeviceInfo("CPU", HOST.cpu(), null, HOST.totalBytes(), HOST.availableBytes(), null, null), cpu);
        assertFalse(cpu.isGpu());
    }

    @Test
    void liveCpuBackend() {
        DeviceInfo device = DeviceInfo.current();
        assertEquals("CPU", device.backend());
        assertFalse(device.isGpu());
        assertNull(device.runtimeVersion());
        assertTrue(device.name().contains("×"), device.name());
        assertTrue(device.freeBytes() > 0 && device.freeBytes() <= device.totalBytes(), device.toString());
    }

    @Test
    void readsTheDriverVersionOfProprietaryAndOpenModules() {
        assertEquals("535.104.05", DeviceInfo.driverVersionIn(
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n"));
        assertEquals("550.54.15", DeviceInfo.driverVersionIn(
                "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.15  Release Build\n"));
        assertNull(DeviceInfo.driverVersionIn("no driver here"));
    }
}
