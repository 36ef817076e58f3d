package io.lae.spark;

import io.lae.LaeException;
import org.apache.spark.SparkException;

/**
 * Turns a Spark failure into lae's one line: a {@link LaeException} thrown in a task (a file missing on an
 * executor, say) comes back wrapped in a {@link SparkException} ("Job aborted due to stage failure: … Caused by …"),
 * and the user should see its message, not the stack trace around it.
 */
final class SparkFailures {

    private SparkFailures() {
    }

    /**
     * @param failure what a Spark call threw
     * @return the {@link LaeException} in its cause chain, as thrown; for another Spark failure a one-line
     *     {@link LaeException} naming the root cause; any other exception (a bug) as it is, wrapped if checked
     */
    static RuntimeException unwrapped(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LaeException lae) {
                return lae == failure ? lae : new LaeException(lae.getMessage(), failure);
            }
        }
        if (failure instanceof SparkException) {
            return new LaeException("Spark failed: " + summary(failure) + ": see the Spark logs (lae --debug prints "
                    + "the stack trace)", failure);
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /** @return the root cause's class and the first line of its message */
    static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
