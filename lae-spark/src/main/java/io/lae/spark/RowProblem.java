package io.lae.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * The first bad row of a partition, found while it is read: the segment and position it is in (a line for a CSV
 * file, counted within the segment, else a row) and what is wrong with it, without the file or the fix, which
 * {@link RowSource#describe} adds on the driver.
 *
 * @param partition the Spark partition that read it
 * @param segment   its segment
 * @param position  its line (CSV) or row within the segment, 0-based
 * @param what      what is wrong, e.g. "holds NaN or infinity"
 * @param fix       how to fix it, e.g. "remove or impute it"
 */
record RowProblem(int partition, String segment, long position, String what, String fix) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @return the problem that comes first in the data, segments ordered by name, then by position */
    RowProblem first(RowProblem other) {
        if (other == null) {
            return this;
        }
        int bySegment = segment.compareTo(other.segment);
        return bySegment < 0 || bySegment == 0 && position <= other.position ? this : other;
    }

    /** Thrown by a source's reader and caught where the partition's rows are summed. */
    static final class Found extends RuntimeException {

        @Serial
        private static final long serialVersionUID = 1L;
        /** The problem found. */
        final RowProblem problem;

        Found(RowProblem problem) {
            super(problem.what(), null, false, false);
            this.problem = problem;
        }
    }
}
