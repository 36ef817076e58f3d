package io.lae.cli;

import io.lae.LaeException;
import java.io.PrintWriter;
import io.lae.runs.Environment;
import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code lae} command: sub-commands for training, loss evaluation and gradient checks. */
@Command(name = "lae", mixinStandardHelpOptions = true, versionProvider = LaeCommand.Version.class,
        description = "Linear autoencoders that recover the exact, ordered principal directions of data.",
        subcommands = {TrainCommand.class, ExperimentCommand.class, LossCommand.class, GradcheckCommand.class, BenchCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class LaeCommand {

    /** Exit code for bad input or options. */
    public static final int EXIT_USAGE = 2;

    /** Exit code for a bug in lae (an unexpected exception). */
    public static final int EXIT_INTERNAL = 3;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @param out  where normal output goes
     * @param err  where errors go
     * @return the exit code: 0 success, 1 a check failed, 2 bad input, 3 internal error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        LaeCommand root = new LaeCommand();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("lae: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean userError = ex instanceof LaeException;
            err.println("lae: " + (userError ? "error: " + ex.getMessage()
                    : "internal error: " + ex + (root.debug ? "" : " (run with --debug for the stack trace)")));
            if (root.debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return userError ? EXIT_USAGE : EXIT_INTERNAL;
        });
        cli.setExecutionStrategy(parseResult -> {
            Integer helpCode = CommandLine.executeHelpRequest(parseResult);
            if (helpCode != null) {
                return helpCode;
            }
            // arrays a command creates without a dtype are float64; the run's --dtype applies to the weights
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Reads the version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties versions = Environment.versions();
            return new String[] {"lae " + versions.getProperty("version", "unknown")
                    + " (ND4J " + versions.getProperty("nd4j", "unknown") + ")"};
        }
    }
}
