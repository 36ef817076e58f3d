package io.lae.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Versions, backend and device, for run.json and {@code lae info}. */
public final class Environment {

    private Environment() {
    }

    /** @return a description of where and with what this process runs */
    public static Map<String, Object> describe() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("lae", versions().getProperty("version", "unknown"));
        env.put("nd4j", versions().getProperty("nd4j", "unknown"));
        env.put("java", System.getProperty("java.version"));
        env.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        env.put("device", Nd4j.getEnvironment().isCPU() ? cpuName() : "GPU");
        env.put("blas", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        env.put("threads", Nd4j.getEnvironment().maxThreads());
        env.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        env.put("OPENBLAS_CORETYPE", System.getenv("OPENBLAS_CORETYPE"));
        env.put("OMP_WAIT_POLICY", System.getenv("OMP_WAIT_POLICY"));
        return env;
    }

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

    private static String cpuName() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(System.getProperty("os.arch"))
                    + " × " + Runtime.getRuntime().availableProcessors();
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
