package io.lae.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;

/**
 * Sets the C environment that ND4J's native libraries read once, as they load, so that no user has to
 * set it before the JVM starts:
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: without it ND4J's OpenMP threads spin between operations and a
 *       training step on 2 cores runs 3–6× slower (measured; docs/performance.md);</li>
 *   <li>{@code OPENBLAS_CORETYPE=Haswell}, only when the OpenBLAS on the class path is older than the
 *       {@value #FIXED_OPENBLAS} lae depends on: OpenBLAS 0.3.19, which ND4J 1.0.0-M2.1 brings, computes
 *       wrong float64 LAPACK results with its AVX-512 kernels (OpenBLAS issue 3534), and right ones with
 *       the Haswell kernels.</li>
 * </ul>
 * A variable the environment already has is left as it is.
 *
 * <p>{@link #prepare()} runs before ND4J loads its natives whoever starts ND4J: {@link Nd4jStartHook}, which
 * ND4J's backend discovery instantiates before it loads any backend, calls it. Where ND4J was started before
 * lae's classes could be found (a host that loads lae later, in a class loader of its own), nothing can be
 * set any more; {@link LapackCheck} then finds out whether the results are right.
 */
public final class NativeSetup {

    /** The OpenBLAS lae depends on, the first whose AVX-512 kernels are right with nothing set. */
    public static final String FIXED_OPENBLAS = "0.3.31";

    private static final String OPENBLAS_POM = "META-INF/maven/org.bytedeco/openblas/pom.properties";

    private static State state;

    private NativeSetup() {
    }

    /**
     * What {@link #prepare()} found and did.
     *
     * @param nd4jStartedFirst whether ND4J's natives were already loaded, so that nothing could be set
     * @param openBlasVersion  the version of the first OpenBLAS presets on the class path (e.g.
     *                         {@code 0.3.31-1.5.13}), or empty when none was found
     * @param set              the variables set, as {@code NAME=value}
     */
    public record State(boolean nd4jStartedFirst, Optional<String> openBlasVersion, List<String> set) {
        /** Copies the list. */
        public State {
            set = List.copyOf(set);
        }

        /** @return whether the OpenBLAS on the class path is older than {@link #FIXED_OPENBLAS} */
        public boolean olderOpenBlas() {
            return older(openBlasVersion);
        }
    }

    /**
     * Sets the variables (once per JVM; later calls return what the first found).
     *
     * @return what was found and set
     */
    public static synchronized State prepare() {
        if (state == null) {
            state = configure();
        }
        return state;
    }

    /**
     * @param name a variable's name
     * @return its value in the C environment the native libraries read ({@link System#getenv} keeps a copy
     *         that may predate lae's setting), or empty when unset
     */
    public static Optional<String> variable(String name) {
        return CEnvironment.get(name);
    }

    private static State configure() {
        boolean started = nd4jLoaded();
        Optional<String> openBlas = openBlasVersion();
        List<String> set = new ArrayList<>();
        if (!started) {
            setUnlessPresent("OMP_WAIT_POLICY", "PASSIVE", set);
            if (older(openBlas) && x86()) {
                setUnlessPresent("OPENBLAS_CORETYPE", "Haswell", set);
            }
        }
        return new State(started, openBlas, set);
    }

    /** @return whether an OpenBLAS of this version is older than {@link #FIXED_OPENBLAS} (unknown: not older) */
    private static boolean older(Optional<String> version) {
        return version.map(v -> compareVersions(v, FIXED_OPENBLAS) < 0).orElse(false);
    }

    private static void setUnlessPresent(String name, String value, List<String> set) {
        if (CEnvironment.get(name).isEmpty() && CEnvironment.set(name, value)) {
            set.add(name + "=" + value);
        }
    }

    /** @return whether JavaCPP has loaded one of ND4J's native libraries (which pull in OpenBLAS and OpenMP) */
    private static boolean nd4jLoaded() {
        Map<String, String> loaded = Loader.getLoadedLibraries();
        return loaded.keySet().stream().anyMatch(name -> name.contains("nd4j") || name.contains("openblas"));
    }

    private static Optional<String> openBlasVersion() {
        ClassLoader loader = NativeSetup.class.getClassLoader();
        try {
            List<URL> found = loader == null ? List.of() : Collections.list(loader.getResources(OPENBLAS_POM));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Properties pom = new Properties();
            try (InputStream in = found.get(0).openStream()) {
                pom.load(in);
            }
            return Optional.ofNullable(pom.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean x86() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
    }

    /**
     * Compares the leading dotted numbers of two versions ({@code 0.3.19-1.5.7} against {@code 0.3.31}).
     *
     * @return negative, zero or positive as {@code a} is older than, as old as or newer than {@code b}
     */
    static int compareVersions(String a, String b) {
        String[] x = a.split("-", 2)[0].split("\\.");
        String[] y = b.split("-", 2)[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
