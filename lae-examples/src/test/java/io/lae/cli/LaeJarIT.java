package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained jar is the program: started as the README shows ({@code java … -jar lae.jar}), with
 * nothing set in the environment, a training run prints no JVM warning, finds LAPACK healthy and the C
 * environment set, and ends with the metrics the in-process command line computes for the same run.
 */
class LaeJarIT {

    private static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
    private static final Path JAR = Path.of("target", "lae.jar");
    private static final String[] TRAIN = {"train", "--data", "synthetic:diag:n=120,m=1500,seed=4", "--latent", "6",
            "--steps", "300", "--log-every", "100"};

    @TempDir
    Path dir;

    @Test
    void javaDashJarAsTheReadmeShowsItPrintsNoWarningAndGivesTheSameMetrics() throws Exception {
        Path viaJar = dir.resolve("jar");
        String output = runJar(viaJar);
        assertFalse(output.contains("WARNING"), output);
        JsonNode jarRun = new ObjectMapper().readTree(viaJar.resolve("run.json").toFile());
        JsonNode environment = jarRun.get("environment");
        assertTrue(environment.get("lapack_check").asText().matches(".*Cholesky \\d\\.\\de-1[4-9], eigen \\d\\.\\de-1[4-9]"),
                environment.toString());
        assertEquals("PASSIVE", environment.get("OMP_WAIT_POLICY").asText(), environment.toString());

        Path inProcess = dir.resolve("in-process");
        List<String> args = new ArrayList<>(Arrays.asList(TRAIN));
        args.addAll(List.of("--out", inProcess.toString()));
        CliRunner reference = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, reference.exitCode(), reference.err());
        JsonNode expected = new ObjectMapper().readTree(inProcess.resolve("run.json").toFile()).get("final");
        JsonNode actual = jarRun.get("final");
        for (String metric : new String[] {"loss", "loss_ratio", "ratio_tp", "d_align", "d_sub", "transpose_gap"}) {
            double e = expected.get(metric).asDouble();
            double a = actual.get(metric).asDouble();
            assertTrue(Math.abs(a - e) <= 1e-6 * Math.max(Math.abs(e), 1e-12), metric + ": jar " + a + ", in-process " + e);
        }
    }

    /** Runs the training through {@code java -jar} with the README's JVM flags and an environment without lae's variables. */
    private String runJar(Path out) throws IOException, InterruptedException {
        String readme = Files.readString(README);
        Matcher shown = Pattern.compile("`java ((?:--[a-z-]+=[A-Za-z-]+ )*)-jar lae-examples/target/lae\\.jar COMMAND …`")
                .matcher(readme);
        assertTrue(shown.find(), "README shows how to run the jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(shown.group(1).trim().split(" ")));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(Arrays.asList(TRAIN));
        command.addAll(List.of("--out", out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OMP_WAIT_POLICY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
