package io.lae.cuda.bind;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A shared library opened with {@code dlopen} through Java's FFM API, and the downcall handles of
 * its functions. No bindings jar and no CUDA headers: each wrapper class declares the C signatures
 * it calls.
 */
public final class NativeLibrary {

    /** Environment variable with extra directories (colon-separated) searched for CUDA libraries. */
    public static final String LIBRARY_PATH_VARIABLE = "LAE_CUDA_LIBS";

    private static final Linker LINKER = Linker.nativeLinker();

    private final String file;
    private final SymbolLookup lookup;

    private NativeLibrary(String file, SymbolLookup lookup) {
        this.file = file;
        this.lookup = lookup;
    }

    /**
     * Opens the first of {@code names} found, trying each directory of {@link #searchDirectories()}
     * before the dynamic linker's own search (LD_LIBRARY_PATH, the ld cache).
     *
     * @param names file names in order of preference, e.g. {@code libcudart.so.13}, {@code libcudart.so.12}
     * @return the library, or empty when none of the names can be opened
     */
    public static Optional<NativeLibrary> open(List<String> names) {
        for (String name : names) {
            for (Path dir : searchDirectories()) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    Optional<NativeLibrary> opened = tryOpen(candidate.toString());
                    if (opened.isPresent()) {
                        return opened;
                    }
                }
            }
            Optional<NativeLibrary> opened = tryOpen(name);
            if (opened.isPresent()) {
                return opened;
            }
        }
        return Optional.empty();
    }

    private static Optional<NativeLibrary> tryOpen(String nameOrPath) {
        try {
            return Optional.of(new NativeLibrary(nameOrPath, SymbolLookup.libraryLookup(nameOrPath, Arena.global())));
        } catch (IllegalArgumentException | UnsatisfiedLinkError notThere) {
            return Optional.empty();
        }
    }

    /**
     * @return the directories searched before the dynamic linker's own: {@value #LIBRARY_PATH_VARIABLE},
     *     {@code $CUDA_HOME}, {@code $CUDA_PATH}, {@code /usr/local/cuda*} and the {@code nvidia} wheels of
     *     Python installations (where PyTorch's CUDA libraries live), each as found
     */
    public static List<Path> searchDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        String extra = System.getenv(LIBRARY_PATH_VARIABLE);
        if (extra != null) {
            for (String part : extra.split(":")) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        }
        for (String variable : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = System.getenv(variable);
            if (home != null && !home.isBlank()) {
                dirs.add(Path.of(home, "lib64"));
                dirs.add(Path.of(home, "targets", "x86_64-linux", "lib"));
            }
        }
        List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/local/cuda")));
        roots.addAll(children(Path.of("/usr/local"), "cuda-"));
        for (Path root : roots) {
            dirs.add(root.resolve("lib64"));
            dirs.add(root.resolve("targets/x86_64-linux/lib"));
        }
        for (Path lib : List.of(Path.of("/usr/lib"), Path.of("/usr/local/lib"))) {
            for (Path python : children(lib, "python3")) {
                for (String site : List.of("dist-packages", "site-packages")) {
                    Path nvidia = python.resolve(site).resolve("nvidia");
                    for (Path pkg : children(nvidia, "")) {
                        dirs.add(pkg.resolve("lib"));
                    }
                }
            }
        }
        return dirs.stream().filter(Files::isDirectory).toList();
    }

    private static List<Path> children(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (java.io.IOException unreadable) {
            return List.of();
        }
    }

    /** @return the name or path the library was opened by */
    public String file() {
        return file;
    }

    /**
     * @param name       the C function's name
     * @param descriptor its signature
     * @return a downcall handle
     * @throws IllegalStateException if the library lacks the symbol
     */
    public MethodHandle function(String name, FunctionDescriptor descriptor) {
        return optionalFunction(name, descriptor).orElseThrow(() ->
                new IllegalStateException(file + " has no function " + name));
    }

    /**
     * @param name       the C function's name
     * @param descriptor its signature
     * @return a downcall handle, or empty when the library lacks the symbol
     */
    public Optional<MethodHandle> optionalFunction(String name, FunctionDescriptor descriptor) {
        Optional<MemorySegment> symbol = lookup.find(name);
        return symbol.map(address -> LINKER.downcallHandle(address, descriptor));
    }
}
