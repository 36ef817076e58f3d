package io.lae.spark;

import io.lae.LaeException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The Spark session a request runs in: the one already active in this JVM when it runs on the requested master
 * (a test's, an application's), else a new one, started by a watchdog that gives up after the master timeout. A
 * master that does not answer otherwise keeps Spark retrying for a minute (standalone: 3 × 20 s), and one that
 * answers but has no worker leaves the first job waiting for resources forever; both end here as one line.
 */
final class SparkSessions {

    /** The master unless the request names one. */
    static final String DEFAULT_MASTER = "local[*]";
    private static final long POLL_MILLIS = 100;

    private SparkSessions() {
    }

    /**
     * A session and whether this request started it (and so stops it).
     *
     * @param session the session
     * @param owned   whether {@link #close} stops it
     */
    record Lease(SparkSession session, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                session.stop();
            }
        }
    }

    /**
     * @param master  the master URL, or null for spark-submit's (system property spark.master), else
     *                {@value #DEFAULT_MASTER}
     * @param timeout how long the master may take to accept the application and give it an executor
     * @return the session
     * @throws LaeException if another master's session is active, the URL is not one Spark knows, or the master
     *                      did not answer (or gave no executor) in time
     */
    static Lease open(String master, Duration timeout) {
        Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isEmpty()) {
            active = SparkSession.getDefaultSession();
        }
        if (active.isDefined()) {
            String running = active.get().sparkContext().master();
            if (master == null || master.equals(running)) {
                return new Lease(active.get(), false);
            }
            throw new LaeException("--master " + master + ": a Spark session on " + running + " already runs in this "
                    + "JVM: use that master, or run lae stats in a JVM of its own");
        }
        // spark-submit --master passes it as a system property
        String url = master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
        QuietLogs.apply();
        SparkSession.Builder builder = SparkSession.builder().master(url).appName("lae stats");
        // quiet and self-contained unless the user's spark.* system properties say otherwise
        defaultTo(builder, "spark.ui.enabled", "false");
        // the tree reduction's top level hands the driver a few n'×n' partials (8n'² bytes each): past the 1 GiB
        // default once n' is a few thousand; the driver's memory is checked by MemoryPlan.requireStatisticsFit
        defaultTo(builder, "spark.driver.maxResultSize", "0");
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecutorService starter = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "lae-spark-start");
            thread.setDaemon(true);
            return thread;
        });
        Future<SparkSession> started = starter.submit(builder::getOrCreate);
        starter.shutdown();
        try {
            SparkSession session = started.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            awaitExecutor(session, url, deadline, timeout);
            return new Lease(session, true);
        } catch (TimeoutException e) {
            started.cancel(true);
            throw new LaeException(String.format(Locale.ROOT, "Spark master %s did not answer within %d s: check the "
                    + "URL and that the master runs (sbin/start-master.sh), or wait longer with --master-timeout", url,
                    timeout.toSeconds()));
        } catch (ExecutionException e) {
            throw new LaeException("--master " + url + ": Spark did not start (" + SparkFailures.summary(e.getCause())
                    + "): check the master URL (local[*], spark://host:7077, yarn, k8s://…)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaeException("interrupted while starting Spark on " + url);
        }
    }

    private static void defaultTo(SparkSession.Builder builder, String key, String value) {
        if (System.getProperty(key) == null && value != null) {
            builder.config(key, value);
        }
    }

    /**
     * Waits until a cluster gives the application an executor (local masters run in this JVM; with dynamic
     * allocation executors come with the first job), or stops the session at the deadline.
     */
    private static void awaitExecutor(SparkSession session, String url, long deadline, Duration timeout)
            throws InterruptedException {
        SparkContext context = session.sparkContext();
        if (context.isLocal() || context.getConf().getBoolean("spark.dynamicAllocation.enabled", false)) {
            return;
        }
        // the status tracker lists the driver too
        while (context.statusTracker().getExecutorInfos().length < 2) {
            if (System.nanoTime() > deadline) {
                session.stop();
                throw new LaeException(String.format(Locale.ROOT, "Spark master %s gave lae no executor within %d s: "
                        + "check that its workers run and have the cores and memory asked for (spark.executor.cores, "
                        + "spark.executor.memory), or wait longer with --master-timeout", url, timeout.toSeconds()));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
