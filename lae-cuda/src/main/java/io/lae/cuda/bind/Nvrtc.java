package io.lae.cuda.bind;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lae.cuda.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * NVRTC ({@code libnvrtc.so.13} or {@code .12}), CUDA's run-time compiler: CUDA C source to CUBIN
 * for one real architecture ({@code sm_90}) or PTX for a virtual one ({@code compute_90}). It needs
 * no GPU.
 */
public final class Nvrtc {

    private final String file;
    private final MethodHandle version;
    private final MethodHandle getErrorString;
    private final MethodHandle createProgram;
    private final MethodHandle compileProgram;
    private final MethodHandle destroyProgram;
    private final MethodHandle getLogSize;
    private final MethodHandle getLog;
    private final MethodHandle getCubinSize;
    private final MethodHandle getCubin;
    private final MethodHandle getPtxSize;
    private final MethodHandle getPtx;

    private Nvrtc(NativeLibrary library) {
        file = library.file();
        FunctionDescriptor sizeOut = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        version = library.function("nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getErrorString = library.function("nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        createProgram = library.function("nvrtcCreateProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        compileProgram = library.function("nvrtcCompileProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        destroyProgram = library.function("nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getLogSize = library.function("nvrtcGetProgramLogSize", sizeOut);
        getLog = library.function("nvrtcGetProgramLog", sizeOut);
        getCubinSize = library.function("nvrtcGetCUBINSize", sizeOut);
        getCubin = library.function("nvrtcGetCUBIN", sizeOut);
        getPtxSize = library.function("nvrtcGetPTXSize", sizeOut);
        getPtx = library.function("nvrtcGetPTX", sizeOut);
    }

    /**
     * @param majors the major versions to try, in order (the runtime's first)
     * @return NVRTC
     * @throws CudaException if none can be opened
     */
    public static Nvrtc load(List<Integer> majors) {
        List<String> names = majors.stream().map(major -> "libnvrtc.so." + major).toList();
        return NativeLibrary.open(names).map(Nvrtc::new)
                .orElseThrow(() -> new CudaException("no NVRTC (" + String.join(", ", names) + ") found: lae compiles"
                        + " its kernels with it; install CUDA's NVRTC, or name its directory in "
                        + NativeLibrary.LIBRARY_PATH_VARIABLE));
    }

    /** @return where NVRTC was opened from */
    public String file() {
        return file;
    }

    /** @return {major, minor} */
    public int[] version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(JAVA_INT);
            MemorySegment minor = arena.allocate(JAVA_INT);
            check((int) version.invokeExact(major, minor), "nvrtcVersion");
            return new int[] {major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)};
        } catch (Throwable t) {
            throw Status.wrap("nvrtcVersion", t);
        }
    }

    private void check(int code, String call) {
        Status.check(code, call, this::describe);
    }

    private String describe(int code) {
        try {
            return ((MemorySegment) getErrorString.invokeExact(code)).reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "NVRTC error";
        }
    }

    /**
     * Compiles {@code source}.
     *
     * @param source       CUDA C
     * @param name         the program's name in messages
     * @param architecture {@code sm_XY} for CUBIN (loadable only on that GPU family) or {@code compute_XY} for PTX
     * @param options      further options, e.g. {@code -Dreal=float}
     * @return the CUBIN, or the PTX text with its closing NUL
     * @throws CudaException with the compiler's log if the source does not compile
     */
    public byte[] compile(String source, String name, String architecture, List<String> options) {
        boolean cubin = architecture.startsWith("sm_");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment programOut = arena.allocate(ADDRESS);
            check((int) createProgram.invokeExact(programOut, arena.allocateFrom(source), arena.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment program = programOut.get(ADDRESS, 0);
            try {
                List<String> all = new java.util.ArrayList<>();
                all.add("--gpu-architecture=" + architecture);
                all.addAll(options);
                MemorySegment optionArray = arena.allocate(ADDRESS, all.size());
                for (int i = 0; i < all.size(); i++) {
                    optionArray.setAtIndex(ADDRESS, i, arena.allocateFrom(all.get(i)));
                }
                int status = (int) compileProgram.invokeExact(program, all.size(), optionArray);
                if (status != 0) {
                    throw new CudaException("the CUDA kernels (" + name + ") do not compile for " + architecture
                            + " with " + file + ": " + describe(status) + ": " + log(arena, program).strip());
                }
                MemorySegment size = arena.allocate(JAVA_LONG);
                MethodHandle sizeOf = cubin ? getCubinSize : getPtxSize;
                MethodHandle copy = cubin ? getCubin : getPtx;
                String what = cubin ? "CUBIN" : "PTX";
                check((int) sizeOf.invokeExact(program, size), "nvrtcGet" + what + "Size");
                MemorySegment image = arena.allocate(size.get(JAVA_LONG, 0));
                check((int) copy.invokeExact(program, image), "nvrtcGet" + what);
                return image.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            } finally {
                MemorySegment holder = arena.allocate(ADDRESS);
                holder.set(ADDRESS, 0, program);
                int ignored = (int) destroyProgram.invokeExact(holder);
            }
        } catch (Throwable t) {
            throw Status.wrap("nvrtcCompileProgram", t);
        }
    }

    private String log(Arena arena, MemorySegment program) throws Throwable {
        MemorySegment size = arena.allocate(JAVA_LONG);
        if ((int) getLogSize.invokeExact(program, size) != 0) {
            return "";
        }
        MemorySegment text = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
        if ((int) getLog.invokeExact(program, text) != 0) {
            return "";
        }
        return text.getString(0).replace('\n', ' ');
    }
}
