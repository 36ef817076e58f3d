package io.lae.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code lae} in a JVM of its own, to be stopped from outside (SIGINT, SIGTERM) or to halt itself (a
 * crash): from the test class path, from the self-contained jar ({@code java -jar}), or through the {@code ./lae}
 * launcher, which runs the jar it is given (LAE_JAR) in the process it was started as.
 */
final class LaeProcess {

    /** The JVM flags the README gives {@code java -jar} and {@code ./lae} passes. */
    static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");

    private LaeProcess() {
    }

    /**
     * @param logs       where its stdout.txt and stderr.txt go
     * @param properties system properties, e.g. {@code lae.test.crashAt=step:3}
     * @param args       the command line after {@code lae}
     * @return the started process, running the test class path's {@link LaeCommand}
     */
    static Process start(Path logs, List<String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_FLAGS);
        command.addAll(properties(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LaeCommand.class.getName()));
        return launch(command, Map.of(), logs, args);
    }

    /**
     * @param jar        the self-contained jar
     * @param logs       where its stdout.txt and stderr.txt go
     * @param properties system properties, e.g. {@code lae.test.crashAt=step:3}
     * @param args       the command line after {@code lae}
     * @return the started process: {@code java … -jar JAR ARGS}
     */
    static Process startJar(Path jar, Path logs, List<String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_FLAGS);
        command.addAll(properties(properties));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return launch(command, Map.of(), logs, args);
    }

    /**
     * @param launcher the {@code lae} script, run by dash (POSIX sh)
     * @param jar      the jar it runs (LAE_JAR), so that it builds nothing
     * @param logs     where its stdout.txt and stderr.txt go
     * @param args     the command line after {@code lae}
     * @return the started process: {@code dash lae ARGS}, which becomes the JVM
     */
    static Process startLauncher(Path launcher, Path jar, Path logs, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("dash", launcher.toAbsolutePath().toString()));
        return launch(command, Map.of("LAE_JAR", jar.toAbsolutePath().toString(), "LAE_JAVA", java(),
                "LAE_JAVA_OPTS", String.join(" ", properties(List.of()))), logs, args);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return the test's data folder, then {@code properties}, as -D options */
    private static List<String> properties(List<String> properties) {
        List<String> options = new ArrayList<>(List.of("-Dlae.data=" + System.getProperty("lae.data")));
        properties.forEach(p -> options.add("-D" + p));
        return options;
    }

    private static Process launch(List<String> command, Map<String, String> environment, Path logs, String... args)
            throws IOException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(full);
        // nothing set in the environment: lae sets what ND4J's natives read itself
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OMP_WAIT_POLICY");
        builder.environment().putAll(environment);
        builder.redirectOutput(logs.resolve("stdout.txt").toFile()).redirectError(logs.resolve("stderr.txt").toFile());
        return builder.start();
    }

    /**
     * Sends SIGINT, as Ctrl-C in a terminal does.
     *
     * @param process a process started here
     */
    static void interrupt(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -INT " + process.pid() + " failed");
        }
    }
}
