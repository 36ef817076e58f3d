package io.lae.spark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console of a session lae starts to lae's own lines: a warning Spark or Hadoop prints on every start
 * (no native Hadoop library) or with a stack trace for a failure lae reports itself in one line (a standalone master
 * that refuses the connection) is raised to ERROR. Only where Logback is the SLF4J binding, as in the lae CLI;
 * anywhere else logging is left as its owner configured it.
 */
final class QuietLogs {

    /** The loggers raised to ERROR. */
    static final List<String> LOGGERS = List.of("org.apache.hadoop.util.NativeCodeLoader",
            "org.apache.spark.deploy.client.StandaloneAppClient$ClientEndpoint");
    private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

    private QuietLogs() {
    }

    /** Raises {@link #LOGGERS} to ERROR if Logback binds SLF4J (this class touches Logback only then). */
    static void apply() {
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK)) {
            Logback.raise();
        }
    }

    /** Loaded only when Logback is there. */
    private static final class Logback {
        static void raise() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.ERROR));
        }
    }
}
