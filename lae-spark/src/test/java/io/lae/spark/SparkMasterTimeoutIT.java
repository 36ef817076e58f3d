package io.lae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.stats.StatisticsRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A master that does not answer ends after the master timeout, as one line, long before Spark alone gives up (it
 * retries for 60 s); the bound leaves a busy machine room, since what matters is not waiting out Spark's minute.
 * A class of its own: failsafe runs each class in a fresh JVM, and this one must start no session of its own.
 */
class SparkMasterTimeoutIT {

    /** How long Spark's client retries an unanswered master on its own. */
    private static final double SPARK_OWN_RETRY_SECONDS = 60;

    @Test
    void unreachableMasterFailsWithinTheTimeout() {
        long start = System.nanoTime();
        LaeException e = assertThrows(LaeException.class, () -> new SparkStatisticsEngine().compute(
                new StatisticsRequest("data.npy", null, List.of(), true, "spark://127.0.0.1:1", Duration.ofSeconds(5))));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("Spark master spark://127.0.0.1:1 did not answer within 5 s: check the URL and that the master runs "
                + "(sbin/start-master.sh), or wait longer with --master-timeout", e.getMessage());
        assertTrue(seconds < SPARK_OWN_RETRY_SECONDS * 2 / 3, "took " + seconds + " s");
    }
}
