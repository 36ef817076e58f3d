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
 * {@link System#getenv} is a copy taken when the JVM started and does not see changes made here.
 *
 * <p>On Linux and macOS {@code setenv} changes the table every library in the process reads. On Windows
 * each C runtime keeps its own table: {@code _putenv_s} of the Universal CRT changes its table and the
 * process's environment block, from which a runtime loaded later (such as the {@code msvcrt.dll} that
 * MinGW-built OpenMP uses) copies its own; {@code SetEnvironmentVariableW} is called as well, for a
 * runtime whose table is built from that block.
 */
final class CEnvironment {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private CEnvironment() {
    }

    /**
     * @param name a variable's name
     * @return its value in the C runtime's environment, empty when unset (or when {@code getenv} cannot be
     *         called)
     */
    static Optional<String> get(String name) {
        Optional<MethodHandle> getenv = function("getenv", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
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
                Optional<MethodHandle> setenv = function("setenv",
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                return setenv.isPresent() && (int) setenv.get().invokeExact(cName, cValue, 1) == 0;
            }
            boolean set = false;
            Optional<MethodHandle> putenv = function("_putenv_s",
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            if (putenv.isPresent()) {
                set = (int) putenv.get().invokeExact(cName, cValue) == 0;
            }
            Optional<MemorySegment> setW = SymbolLookup.libraryLookup("kernel32", Arena.global())
                    .find("SetEnvironmentVariableW");
            if (setW.isPresent()) {
                MethodHandle handle = LINKER.downcallHandle(setW.get(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                set |= (int) handle.invokeExact(wide(arena, name), wide(arena, value)) != 0;
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

    private static Optional<MethodHandle> function(String name, FunctionDescriptor descriptor) {
        return LINKER.defaultLookup().find(name).map(address -> LINKER.downcallHandle(address, descriptor));
    }
}
