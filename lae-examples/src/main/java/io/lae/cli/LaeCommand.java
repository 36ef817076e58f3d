package io.lae.cli;

import io.lae.LaeException;
import io.lae.runs.Interruption;
import io.lae.train.TrainingInterruptedException;
import io.lae.backend.BackendCheck;
import io.lae.backend.BackendRequest;
import io.lae.backend.Engines;
import io.lae.backend.Nd4jBackendChoice;
import io.lae.backend.Nd4jStart;
import java.io.PrintWriter;
import java.util.Arrays;
import io.lae.runs.Environment;
import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code lae} command: sub-commands for training, loss evaluation and gradient checks. */
@Command(name = "lae", mixinStandardHelpOptions = true, versionProvider = LaeCommand.Version.class,
        description = "Linear autoencoders that recover the exact, ordered principal directions of data.",
        subcommands = {TrainCommand.class, SweepCommand.class, StatsCommand.class, FetchCommand.class, EncodeCommand.class, ExperimentCommand.class, LossCommand.class, MethodsCommand.class, GradcheckCommand.class, BenchCommand.class, InfoCommand.class, CommandLine.HelpCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class LaeCommand {

    /** The logger of the backend check's one warning, printed as "WARN  backend - …". */
    private static final Logger BACKEND_LOG = LoggerFactory.getLogger("io.lae.backend");

    /** Exit code for bad input or options. */
    public static final int EXIT_USAGE = 2;

    /** Exit code for a bug in lae (an unexpected exception). */
    public static final int EXIT_INTERNAL = 3;
    /** Exit code of a run stopped by Ctrl-C (128 + SIGINT; SIGTERM ends the JVM with 143 itself). */
    public static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    @Option(names = "--backend", scope = ScopeType.INHERIT, defaultValue = "auto", paramLabel = "auto|cpu|cuda|nd4j-cuda",
            converter = BackendConverter.class,
            description = "Engine of the training steps and of the statistics (default ${DEFAULT-VALUE}): cuda is lae's"
                    + " own CUDA 12/13 engine (full-batch, mini-batch and per-sample nested-dropout runs, not --rule"
                    + " alternating; the statistics of data read from files; built for sm_75 to sm_120, not yet run"
                    + " on a GPU), nd4j-cuda ND4J's CUDA 11.6 backend (a -Pnd4j-cuda"
                    + " build; sm_70 to sm_89), cpu ND4J on the CPU; auto takes cuda when a GPU is usable and it runs the"
                    + " settings, else ND4J, warning once when a GPU is there but"
                    + " unused. cuda or nd4j-cuda without a usable GPU is an error. lae info shows what is usable.")
    BackendRequest backend;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Interruption.install();
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
        int code;
        try {
            code = commandLine(new LaeCommand(), out, err).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("lae: error: out of memory (" + e.getMessage() + ", Java heap "
                    + Runtime.getRuntime().maxMemory() / (1L << 20) + " MiB): use fewer rows or a .npy file (it streams), "
                    + "or give Java more heap (java -Xmx16g -jar lae.jar …, or LAE_JAVA_OPTS=-Xmx16g ./lae …)");
            code = EXIT_USAGE;
        } catch (LinkageError e) {
            UnsatisfiedLinkError link = unsatisfiedLink(e);
            if (link == null) {
                throw e;
            }
            err.println("lae: error: " + nativesMissing(link));
            if (Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            code = EXIT_USAGE;
        }
        out.flush();
        err.flush();
        Interruption.settled();
        return code;
    }

    /** @return the command line of {@code root}, its output and its handlers of bad input and errors set */
    private static CommandLine commandLine(LaeCommand root, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("lae: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof TrainingInterruptedException) {
                err.println("lae: " + ex.getMessage());
                err.flush();
                return EXIT_INTERRUPTED;
            }
            boolean userError = ex instanceof LaeException;
            err.println("lae: " + (userError ? "error: " + ex.getMessage()
                    : "internal error: " + ex + (root.debug ? "" : " (run with --debug for the stack trace)")));
            if (root.debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return userError ? EXIT_USAGE : EXIT_INTERNAL;
        });
        cli.setExecutionStrategy(parseResult -> execute(root, parseResult, err));
        return cli;
    }

    /** @return the {@link UnsatisfiedLinkError} that {@code e} is or was caused by (a class initialiser's), or null */
    static UnsatisfiedLinkError unsatisfiedLink(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsatisfiedLinkError link) {
                return link;
            }
        }
        return null;
    }

    /** @return the one line saying that the jar's native libraries are not this machine's, and what to do */
    static String nativesMissing(UnsatisfiedLinkError link) {
        return "the native libraries in this jar do not load on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + " (" + link.getMessage() + "): a jar carries the natives of the "
                + "platform it was built for (-Djavacpp.platform); build it on this machine (./lae, lae.cmd, or mvn "
                + "-DskipTests package)";
    }

    /** Runs a help request, or checks the backend, sets the default dtypes and runs the sub-command. */
    private static int execute(LaeCommand root, CommandLine.ParseResult parseResult, PrintWriter err) {
        Integer helpCode = CommandLine.executeHelpRequest(parseResult);
        if (helpCode != null) {
            return helpCode;
        }
        if (parseResult.subcommand() != null
                && parseResult.subcommand().commandSpec().userObject() instanceof FetchCommand) {
            // downloads only: ND4J need not load
            return new CommandLine.RunLast().execute(parseResult);
        }
        Nd4jBackendChoice.apply(root.backend);
        try {
            BackendCheck.forThisBuild(root.backend)
                    .verify(() -> Nd4jStart.loadedCuda(root.debug ? err : null))
                    .ifPresent(BACKEND_LOG::warn);
        } catch (LaeException e) {
            // thrown before any sub-command runs: picocli's exception handler sees it only wrapped
            throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(), e.getMessage(), e);
        }
        Engines.configure(root.backend, root.debug ? err : null);
        // arrays a command creates without a dtype are float64; the run's --dtype applies to the weights
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** Reads {@code --backend}'s names, nd4j-cuda included, in any case. */
    static final class BackendConverter extends LabelConverter<BackendRequest> {
        BackendConverter() {
            super(BackendRequest::parse);
        }
    }

    /** Reads the version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties versions = Environment.versions();
            return new String[] {"lae " + versions.getProperty("version", "unknown") + ", commit " + Environment.commit()
                    + " (ND4J " + versions.getProperty("nd4j", "unknown") + ")"};
        }
    }
}
