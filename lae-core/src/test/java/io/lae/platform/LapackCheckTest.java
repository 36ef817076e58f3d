package io.lae.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lae.LaeException;
import io.lae.linalg.SymmetricEigen;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native setup and the LAPACK guard: here, where lae's OpenBLAS is on the class path and nothing is set
 * outside the JVM, and in JVMs started with the OpenBLAS 0.3.19 ND4J M2.1 itself brings (broken AVX-512
 * kernels), once with lae's classes there from the start and once loaded only after ND4J has started.
 */
class LapackCheckTest {

    /** Where lae-core's build copies OpenBLAS 0.3.19 (Linux x86-64 only; see its pom). */
    private static final Path OLD_OPENBLAS = Path.of("target", "openblas-0.3.19");

    @Test
    void lapackIsRightWithNothingSetOutsideTheJvm() {
        LapackCheck.Outcome outcome = LapackCheck.check();
        assertTrue(outcome.cholesky() < 1e-13 && outcome.eigen() < 1e-13, outcome.toString());
        LapackCheck.verify();
        // the test JVM's environment has no OMP_WAIT_POLICY of its own (Surefire sets none); lae set it
        assertEquals(Optional.of("PASSIVE"), NativeSetup.variable("OMP_WAIT_POLICY"));
        NativeSetup.State state = NativeSetup.prepare();
        assertFalse(state.nd4jStartedFirst(), "ND4J's backend discovery ran lae's hook before loading natives");
        assertEquals(Optional.of(NativeSetup.FIXED_OPENBLAS + "-1.5.13"), state.openBlasVersion());
        assertFalse(state.set().stream().anyMatch(s -> s.startsWith("OPENBLAS_CORETYPE")),
                "lae's own OpenBLAS needs no core type: " + state.set());
    }

    @Test
    void aResidualAboveTheToleranceOrNaNIsUnhealthy() {
        assertTrue(new LapackCheck.Outcome(3e-16, 2e-15).healthy());
        assertFalse(new LapackCheck.Outcome(3e-16, 0.67).healthy());
        assertFalse(new LapackCheck.Outcome(Double.NaN, 2e-15).healthy());
    }

    @Test
    void theRefusalNamesTheCauseAndTheFix() {
        LapackCheck.Outcome broken = new LapackCheck.Outcome(0.31, 0.67);
        String late = LapackCheck.explain(broken, new NativeSetup.State(true, Optional.of("0.3.19-1.5.7"), List.of()));
        assertTrue(late.contains("0.67") && late.contains("OpenBLAS 0.3.19-1.5.7")
                && late.contains("ND4J was started before lae") && late.contains("openblas:0.3.31-1.5.13"), late);
        String older = LapackCheck.explain(broken, new NativeSetup.State(false, Optional.of("0.3.19-1.5.7"), List.of()));
        assertTrue(older.contains("older than 0.3.31") && !older.contains("started before"), older);
        assertFalse(LapackCheck.explain(broken, NativeSetup.prepare()).contains("older than"));
        assertFalse(late.contains("\n"), "one line");
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertTrue(NativeSetup.compareVersions("0.3.19-1.5.7", "0.3.31") < 0);
        assertTrue(NativeSetup.compareVersions("0.3.31-1.5.13", "0.3.31") == 0);
        assertTrue(NativeSetup.compareVersions("0.3.100", "0.3.31") > 0);
        assertTrue(NativeSetup.compareVersions("0.4", "0.3.31") > 0);
    }

    /** ND4J started by someone else, lae loaded later over OpenBLAS 0.3.19: every factorisation is refused. */
    @Test
    void theGuardRefusesWhenNd4jStartedBeforeLaeOverTheOldOpenBlas() throws Exception {
        String out = runWithOldOpenBlas(false, LateLae.class, laeClasses().toString());
        assertTrue(out.contains("REFUSED io.lae.LaeException") && out.contains("ND4J was started before lae"),
                out);
        assertTrue(out.contains("SymmetricEigen REFUSED"), out);
    }

    /** lae's classes there from the start, over OpenBLAS 0.3.19: lae sets the core type and the results are right. */
    @Test
    void theSetupMakesTheOldOpenBlasRightWhenLaeIsThereFirst() throws Exception {
        String out = runWithOldOpenBlas(true, LaeFirst.class);
        assertTrue(out.contains("set [OMP_WAIT_POLICY=PASSIVE, OPENBLAS_CORETYPE=Haswell]"), out);
        assertTrue(out.contains("HEALTHY"), out);
    }

    private static Path laeClasses() {
        return Path.of("target", "classes").toAbsolutePath();
    }

    /**
     * Runs a main class in a JVM whose class path has OpenBLAS 0.3.19 instead of lae's, and nothing set in its
     * environment; skipped where the old kernels are not broken (no AVX-512) or not there.
     */
    private static String runWithOldOpenBlas(boolean withLae, Class<?> main, String... args)
            throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(OLD_OPENBLAS), "OpenBLAS 0.3.19 is copied on Linux x86-64 only");
        assumeTrue(hasAvx512(), "OpenBLAS 0.3.19's kernels are broken on AVX-512 CPUs only");
        List<String> classPath = new ArrayList<>();
        try (Stream<Path> old = Files.list(OLD_OPENBLAS)) {
            old.map(p -> p.toAbsolutePath().toString()).sorted().forEach(classPath::add);
        }
        String laeDir = laeClasses().toString();
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("openblas-0.3.31"))
                .filter(entry -> withLae || !Path.of(entry).toAbsolutePath().toString().equals(laeDir))
                .forEach(classPath::add);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", String.join(File.pathSeparator, classPath), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OMP_WAIT_POLICY");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static boolean hasAvx512() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        return Files.isReadable(cpuinfo) && Files.readString(cpuinfo).contains("avx512f");
    }

    private static INDArray spd() {
        INDArray g = Nd4j.rand(DataType.DOUBLE, 200, 200);
        return g.mmul(g.transpose()).addi(Nd4j.eye(200).castTo(DataType.DOUBLE));
    }

    /** A host program that starts ND4J itself, then loads lae's classes in a class loader of their own. */
    static final class LateLae {
        public static void main(String[] args) throws Exception {
            INDArray s = spd();
            try (URLClassLoader lae = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()},
                    LateLae.class.getClassLoader())) {
                report("LapackCheck", () -> lae.loadClass("io.lae.platform.LapackCheck").getMethod("verify").invoke(null));
                report("SymmetricEigen", () -> lae.loadClass("io.lae.linalg.SymmetricEigen")
                        .getMethod("of", INDArray.class).invoke(null, s));
            }
        }

        private interface Call {
            void run() throws Exception;
        }

        private static void report(String what, Call call) throws Exception {
            try {
                call.run();
                System.out.println(what + " HEALTHY");
            } catch (InvocationTargetException e) {
                System.out.println(what + " REFUSED " + e.getCause().getClass().getName() + ": "
                        + e.getCause().getMessage());
            }
        }
    }

    /** A program that uses lae from the start over OpenBLAS 0.3.19. */
    static final class LaeFirst {
        public static void main(String[] args) {
            INDArray s = spd();
            System.out.println("set " + NativeSetup.prepare().set());
            try {
                double residual = SymmetricEigen.of(s).residual(s);
                System.out.println((residual < 1e-12 ? "HEALTHY " : "WRONG ") + residual);
            } catch (LaeException e) {
                System.out.println("REFUSED " + e.getMessage());
            }
        }
    }
}
