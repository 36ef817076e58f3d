package io.lae.platform;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The C runtime's environment, which native libraries read with {@code getenv}; Java's
 * {@link System#getenv} is a copy taken when it is first called, blind to later changes.
 *
 * <p>On Linux and macOS {@code setenv} changes the table every library in the process reads. On Windows
 * each C runtime keeps its own table, copied from the process's environment block when it starts: lae calls
 * {@code _putenv_s} of the Universal CRT ({@code ucrtbase.dll}, the JVM's) and of {@code msvcrt.dll} (which
 * MinGW-built libraries such as ND4J's OpenMP use), and {@code SetEnvironmentVariableW} for the block that a
 * runtime loaded later copies. The Windows path follows the runtimes' documentation and has not run on
 * Windows.
 */
final class CEnvironment {

    private static final Linker LINKER = Linker.nativeLinker();
    static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private CEnvironment() {
    }

    /**
     * @param name a variable's name
     * @return its value in the C runtime's environment, empty when unset (or when {@code getenv} cannot be
     *         called)
     */
    static Optional<String> get(String name) {
        Optional<MethodHandle> getenv = function(WINDOWS ? library("ucrtbase") : LINKER.defaultLookup(), "getenv",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        if (getenv.isEmpty()) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = (MemorySegment) getenv.get().invokeExact(arena.allocateFrom(name));
            return value.equals(MemorySegment.NULL) ? Optional.empty()
                    : Optional.of(value.reinterpret(Long.MAX_VALUE).getString(0));
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /**
     * Sets a variable in the C runtime's environment, overwriting it.
     *
     * @param name  the variable
     * @param value its new value
     * @return whether the C runtime accepted it
     */
    static boolean set(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            MemorySegment cValue = arena.allocateFrom(value);
            if (!WINDOWS) {
                Optional<MethodHandle> setenv = function(LINKER.defaultLookup(), "setenv",
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                return setenv.isPresent() && (int) setenv.get().invokeExact(cName, cValue, 1) == 0;
            }
            boolean set = false;
            for (String runtime : new String[] {"ucrtbase", "msvcrt"}) {
                Optional<MethodHandle> putenv = function(library(runtime), "_putenv_s",
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                if (putenv.isPresent()) {
                    set |= (int) putenv.get().invokeExact(cName, cValue) == 0;
                }
            }
            Optional<MethodHandle> setW = function(library("kernel32"), "SetEnvironmentVariableW",
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            if (setW.isPresent()) {
                set |= (int) setW.get().invokeExact(wide(arena, name), wide(arena, value)) != 0;
            }
            return set;
        } catch (Throwable e) {
            return false;
        }
    }

    /** @return the text as a NUL-terminated UTF-16 string, as the Windows API's W functions take it */
    private static MemorySegment wide(Arena arena, String text) {
        return arena.allocateFrom(text, StandardCharsets.UTF_16LE);
    }

    /** @return a downcall handle to a C function, when {@code lookup} has it */
    static Optional<MethodHandle> function(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return lookup.find(name).map(address -> LINKER.downcallHandle(address, descriptor));
    }

    /** @return the symbols of a Windows system library, or none when it cannot be loaded */
    static SymbolLookup library(String name) {
        try {
            return SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException e) {
            return symbol -> Optional.empty();
        }
    }
}
