package io.lae.spark;

/**
 * How a .npy file is split into partitions: at least as many as the cluster's default parallelism and one per
 * {@code bytesPerPartition} of data, but never fewer than {@code minRowsPerPartition} rows each (a task's fixed
 * cost, its n'×n' partial sums, is then spread over enough rows).
 *
 * @param minRowsPerPartition the fewest rows a partition reads (unless the file has fewer)
 * @param bytesPerPartition   the float64 bytes a partition reads at most, unless that makes its rows too few
 */
record Partitioning(long minRowsPerPartition, long bytesPerPartition) {

    /** 64k rows, 1 GiB. */
    static final Partitioning DEFAULT = new Partitioning(1 << 16, 1L << 30);

    /**
     * @param rows        m
     * @param bytes       the data's float64 bytes
     * @param parallelism the cluster's default parallelism
     * @return the rows of each partition (the last may have fewer)
     */
    long rowsPerPartition(long rows, long bytes, int parallelism) {
        long partitions = Math.max(parallelism, (bytes + bytesPerPartition - 1) / bytesPerPartition);
        return Math.max(minRowsPerPartition, (rows + partitions - 1) / partitions);
    }
}
