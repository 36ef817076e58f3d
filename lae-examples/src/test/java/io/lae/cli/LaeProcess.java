package io.lae.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code lae} in a JVM of its own, to be stopped from outside (SIGTERM) or to halt itself (a crash). */
final class LaeProcess {

    private LaeProcess() {
    }

    /**
     * @param logs       where its stdout.txt and stderr.txt go
     * @param properties system properties, e.g. {@code lae.test.crashAt=step:3}
     * @param args       the command line after {@code lae}
     * @return the started process
     */
    static Process start(Path logs, List<String> properties, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                "-Dlae.data=" + System.getProperty("lae.data")));
        properties.forEach(p -> command.add("-D" + p));
        command.add(LaeCommand.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // nothing set in the environment: lae sets what ND4J's natives read itself
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OMP_WAIT_POLICY");
        builder.redirectOutput(logs.resolve("stdout.txt").toFile()).redirectError(logs.resolve("stderr.txt").toFile());
        return builder.start();
    }
}
