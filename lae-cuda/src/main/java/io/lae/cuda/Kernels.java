package io.lae.cuda;

import io.lae.Precision;
import io.lae.cuda.bind.CudaDriver;
import io.lae.cuda.bind.Nvrtc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * lae's element-wise kernels ({@code kernels.cu}), compiled by NVRTC for the device's architecture at
 * first use, once per precision, and cached on disk ({@value #CACHE_VARIABLE}, else
 * {@code ~/.cache/lae/kernels}) under a hash of the source, architecture and compiler version. Each kernel is
 * launched through its {@link Kernel} record. {@link #close} unloads the modules.
 */
public final class Kernels implements AutoCloseable {

    /** Environment variable naming the kernel cache directory. */
    public static final String CACHE_VARIABLE = "LAE_KERNEL_CACHE";
    /** Threads per block; {@code weighted_dot}'s shared array has this size. */
    static final int BLOCK = 256;
    private static final String RESOURCE = "kernels.cu";

    private final CudaDriver driver;
    private final Nvrtc nvrtc;
    private final String architecture;
    private final int maxBlocks;
    private final Map<Precision, MemorySegment> modules = new EnumMap<>(Precision.class);
    private final Map<String, MemorySegment> functions = new HashMap<>();

    Kernels(CudaDriver driver, Nvrtc nvrtc, int[] computeCapability, int multiprocessors) {
        this.driver = driver;
        this.nvrtc = nvrtc;
        this.architecture = "sm_" + computeCapability[0] + computeCapability[1];
        this.maxBlocks = Math.max(1, multiprocessors) * 32;
    }

    /** @return the kernels' CUDA C source */
    public static String source() {
        try (InputStream in = Kernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the NVRTC options that compile the kernels for {@code precision} */
    public static List<String> options(Precision precision) {
        return List.of("-Dreal=" + cType(precision), "--std=c++17", "-default-device");
    }

    /**
     * @param precision a precision
     * @return the C type the kernels are compiled for with it ({@code -Dreal=…})
     */
    static String cType(Precision precision) {
        return precision.isDouble() ? "double" : "float";
    }

    /** Compiles (or reads from the cache) and loads the module of {@code precision}, if not yet loaded. */
    void prepare(Precision precision) {
        modules.computeIfAbsent(precision, p -> driver.loadModule(image(p)));
    }

    private byte[] image(Precision precision) {
        String source = source();
        int[] version = nvrtc.version();
        String key = hash(source + '\n' + architecture + '\n' + options(precision) + '\n' + version[0] + '.' + version[1]);
        Path cached = cacheDirectory().resolve(key + ".cubin");
        try {
            if (Files.isRegularFile(cached)) {
                return Files.readAllBytes(cached);
            }
        } catch (IOException unreadable) {
            // compile instead
        }
        byte[] image = nvrtc.compile(source, "lae-kernels.cu", architecture, options(precision));
        try {
            Files.createDirectories(cached.getParent());
            Path partial = Files.createTempFile(cached.getParent(), key, ".part");
            Files.write(partial, image);
            Files.move(partial, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException notCached) {
            // a read-only home is no reason to fail: the next run compiles again
        }
        return image;
    }

    private static Path cacheDirectory() {
        String configured = System.getenv(CACHE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "lae", "kernels");
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private MemorySegment function(Precision precision, String name) {
        prepare(precision);
        return functions.computeIfAbsent(precision + "/" + name, key -> driver.function(modules.get(precision), name));
    }

    /**
     * Queues a kernel over its {@link Kernel#entries} on {@code stream}, after {@link KernelSignature#arguments} has
     * checked its arguments.
     *
     * @param precision the precision of the module: the kernel's {@code real}
     */
    void launch(Kernel kernel, Precision precision, MemorySegment stream) {
        KernelSignature signature = KernelSignature.of(kernel.getClass());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parameters = signature.arguments(kernel, precision, arena);
            MemorySegment function = function(precision, signature.name());
            int blocks = (int) Math.max(1, Math.min(maxBlocks, (kernel.entries() + BLOCK - 1) / BLOCK));
            driver.launch(function, blocks, 1, BLOCK, 1, stream, parameters, signature.name());
        }
    }

    /** @return the architecture the kernels are compiled for, e.g. {@code sm_90} */
    public String architecture() {
        return architecture;
    }

    /** Unloads the modules loaded so far; a later launch compiles (or reads from the cache) and loads again. */
    @Override
    public void close() {
        functions.clear();
        modules.values().forEach(driver::unloadModule);
        modules.clear();
    }
}
