package io.lae.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.TreeMap;

/**
 * The rows and the positions (lines of a CSV file, else rows) read from each segment of a {@link RowSource}, in
 * the segments' order: what turns a position within a segment into one within the data.
 */
final class SegmentCounts implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** segment → {rows, extent} */
    private final TreeMap<String, long[]> counts = new TreeMap<>();

    /** Counts a block: its rows, and the positions read through it. */
    void add(RowBlock block) {
        long[] count = counts.computeIfAbsent(block.segment(), s -> new long[2]);
        count[0] += block.rows().rows();
        count[1] = Math.max(count[1], block.extent());
    }

    /** @return these counts with {@code other}'s added (segments read by different tasks are disjoint) */
    SegmentCounts merge(SegmentCounts other) {
        other.counts.forEach((segment, count) -> counts.merge(segment, count.clone(),
                (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])}));
        return this;
    }

    /** @return the rows of the segments before {@code segment} */
    long rowsBefore(String segment) {
        return counts.headMap(segment).values().stream().mapToLong(c -> c[0]).sum();
    }

    /** @return the positions of the segments before {@code segment} */
    long positionsBefore(String segment) {
        return counts.headMap(segment).values().stream().mapToLong(c -> c[1]).sum();
    }
}
