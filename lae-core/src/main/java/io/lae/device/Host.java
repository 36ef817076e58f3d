package io.lae.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/**
 * The host: its processor and the memory an ND4J array can still get on it.
 *
 * <p>ND4J's CPU buffers are allocated natively, outside JavaCPP's byte count: {@link Pointer#maxBytes()}
 * (the {@code org.bytedeco.javacpp.maxbytes} limit, by default the heap size) does not limit them, but
 * JavaCPP refuses any allocation once the process's resident size exceeds
 * {@link Pointer#maxPhysicalBytes()} ({@code org.bytedeco.javacpp.maxphysicalbytes}). So what a run can
 * still use is the smaller of the memory the OS can give ({@code MemAvailable}) and that limit minus the
 * resident size.
 *
 * @param cpu            the processor's model name and the number of cores the JVM sees
 * @param totalBytes     the physical memory ({@code MemTotal})
 * @param availableBytes what a run can still use: min(available physical, max physical − resident)
 */
public record Host(String cpu, long totalBytes, long availableBytes) {

    /** @return this machine, now */
    public static Host current() {
        long available = Pointer.availablePhysicalBytes();
        long maxPhysical = Pointer.maxPhysicalBytes();
        if (maxPhysical > 0) {
            available = Math.min(available, Math.max(0, maxPhysical - Pointer.physicalBytes()));
        }
        return new Host(cpuName(), Pointer.totalPhysicalBytes(), available);
    }

    private static String cpuName() {
        String model = System.getProperty("os.arch");
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(model);
        } catch (IOException e) {
            // not Linux: the architecture names it
        }
        return model + " × " + Runtime.getRuntime().availableProcessors();
    }
}
