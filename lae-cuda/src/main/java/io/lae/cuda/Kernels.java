package io.lae.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

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
 * {@code ~/.cache/lae/kernels}) under a hash of the source, architecture and compiler version.
 */
public final class Kernels {

    /** Environment variable naming the kernel cache directory. */
    public static final String CACHE_VARIABLE = "LAE_KERNEL_CACHE";
    /** Threads per block; {@code weighted_dot}'s shared array has this size. */
    static final int BLOCK = 256;
    private static final String RESOURCE = "kernels.cu";

    /** A float64 kernel argument whatever the kernels' precision (a C {@code double}). */
    public record F64(double value) {
    }

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
     * Queues kernel {@code name} over {@code count} entries on {@code stream}.
     *
     * @param arguments in the kernel's order: Integer (int), Long (long long), Double (real: float or
     *                  double as {@code precision}), {@link F64} (double), {@link DeviceMatrix} or
     *                  MemorySegment (a pointer), null (a null pointer)
     */
    void launch(String name, Precision precision, long count, MemorySegment stream, Object... arguments) {
        MemorySegment function = function(precision, name);
        int blocks = (int) Math.max(1, Math.min(maxBlocks, (count + BLOCK - 1) / BLOCK));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parameters = arena.allocate(ADDRESS, arguments.length);
            for (int i = 0; i < arguments.length; i++) {
                parameters.setAtIndex(ADDRESS, i, value(arena, arguments[i], precision));
            }
            driver.launch(function, blocks, 1, BLOCK, 1, stream, parameters, name);
        }
    }

    private static MemorySegment value(Arena arena, Object argument, Precision precision) {
        return switch (argument) {
            case null -> arena.allocateFrom(ADDRESS, MemorySegment.NULL);
            case Integer i -> arena.allocateFrom(JAVA_INT, i);
            case Long l -> arena.allocateFrom(JAVA_LONG, l);
            case Double d -> precision.isDouble() ? arena.allocateFrom(JAVA_DOUBLE, d)
                    : arena.allocateFrom(JAVA_FLOAT, d.floatValue());
            case F64 f -> arena.allocateFrom(JAVA_DOUBLE, f.value());
            case DeviceMatrix m -> arena.allocateFrom(ADDRESS, m.pointer());
            case MemorySegment s -> arena.allocateFrom(ADDRESS, s);
            default -> throw new IllegalArgumentException("kernel argument of type " + argument.getClass());
        };
    }

    /** @return the architecture the kernels are compiled for, e.g. {@code sm_90} */
    public String architecture() {
        return architecture;
    }
}
