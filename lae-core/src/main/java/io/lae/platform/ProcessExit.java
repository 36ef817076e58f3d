package io.lae.platform;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Ends the process at once, skipping the C runtime's exit handlers: the way out of a shutdown that a signal began
 * while lae's work was inside a native call.
 *
 * <p>Why: the JVM ends with the C library's {@code exit}, which runs every native library's destructors. OpenBLAS's
 * joins its worker threads, and when the main thread was inside a BLAS call as Ctrl-C or SIGTERM came (a GEMM of
 * {@code lae stats}), that join can wait forever (measured: one SIGTERM in four during {@code lae stats} hung the
 * process in {@code blas_thread_shutdown_}). {@code _exit} ends the process without them; lae's files are already
 * whole, as every file is written beside and renamed into place. What is skipped: native destructors (memory the
 * process is giving back anyway) and the JVM's removal of its {@code hsperfdata} file, which the next JVM started
 * by the same user removes.
 */
public final class ProcessExit {

    private ProcessExit() {
    }

    /**
     * Ends the process with {@code status}, without running native exit handlers; falls back to
     * {@link Runtime#halt} where {@code _exit} cannot be called.
     *
     * @param status the exit status, e.g. 130 after SIGINT
     */
    public static void immediately(int status) {
        Optional<MethodHandle> exit = CEnvironment.function(CEnvironment.WINDOWS ? CEnvironment.library("ucrtbase")
                : Linker.nativeLinker().defaultLookup(), "_exit", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        if (exit.isPresent()) {
            try {
                exit.get().invokeExact(status);
            } catch (Throwable e) {
                // fall through to halt
            }
        }
        Runtime.getRuntime().halt(status);
    }
}
