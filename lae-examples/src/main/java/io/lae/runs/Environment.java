package io.lae.runs;

import io.lae.device.DeviceInfo;
import io.lae.platform.LapackCheck;
import io.lae.platform.NativeSetup;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Versions, backend and device, for run.json and {@code lae info}. */
public final class Environment {

    private Environment() {
    }

    /**
     * @return a description of where and with what this process runs: versions, the backend, the device
     *     ({@code device}, {@code compute_capability}, {@code device_memory_bytes}, {@code driver},
     *     {@code cuda_runtime}; null where they do not apply), BLAS and threads, the OpenBLAS on the class
     *     path, LAPACK's check and the native environment lae set
     */
    public static Map<String, Object> describe() {
        return describe(DeviceInfo.current());
    }

    /**
     * @param device the active device
     * @return {@link #describe()} for that device
     */
    public static Map<String, Object> describe(DeviceInfo device) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("lae", versions().getProperty("version", "unknown"));
        env.put("lae_commit", commit());
        env.put("nd4j", versions().getProperty("nd4j", "unknown"));
        env.put("java", System.getProperty("java.version"));
        env.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        env.put("device", device.name());
        env.put("compute_capability", device.computeCapability());
        env.put("device_memory_bytes", device.totalBytes());
        env.put("driver", device.driverVersion());
        env.put("cuda_runtime", device.runtimeVersion());
        env.put("blas", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        env.put("threads", Nd4j.getEnvironment().maxThreads());
        env.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        env.put("openblas", NativeSetup.prepare().openBlasVersion().orElse(null));
        LapackCheck.Outcome lapack = LapackCheck.check();
        env.put("lapack_check", String.format(Locale.ROOT, "relative residual at n = 200: Cholesky %.1e, eigen %.1e",
                lapack.cholesky(), lapack.eigen()));
        // what the native libraries read: lae sets these itself (NativeSetup), so System.getenv may not show them
        env.put("OPENBLAS_CORETYPE", NativeSetup.variable("OPENBLAS_CORETYPE").orElse(null));
        env.put("OMP_WAIT_POLICY", NativeSetup.variable("OMP_WAIT_POLICY").orElse(null));
        return env;
    }

    /**
     * @return the git commit the jar was built from, with {@code -dirty} appended when the checkout had uncommitted
     *     changes, or {@code unknown} for a jar built outside a git checkout
     */
    public static String commit() {
        Properties versions = versions();
        String commit = versions.getProperty("commit", "unknown");
        return commit.equals("unknown") || !versions.getProperty("dirty", "").equals("true") ? commit : commit + "-dirty";
    }

    /**
     * @return lae's and ND4J's versions and lae's git commit from {@code lae-version.properties} (empty if it is
     *     missing)
     */
    public static Properties versions() {
        Properties props = new Properties();
        try (InputStream in = Environment.class.getResourceAsStream("/lae-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        return props;
    }
}
