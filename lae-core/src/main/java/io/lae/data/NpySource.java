package io.lae.data;

import io.lae.LaeException;
import io.lae.Precision;
import io.lae.io.NpyReader;
import io.lae.io.Sha256Stream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@code .npy} file of samples as rows, streamed from disk chunk by chunk, as ND4J arrays or decoded straight
 * into a {@link RowSink}'s memory; the first full pass over a C-order file, either way, also takes its
 * {@linkplain #fingerprint() fingerprint}.
 */
final class NpySource implements DataSource {

    private final Path file;
    private final long rows;
    private final int columns;
    private DataFingerprint fingerprint;

    NpySource(Path file) {
        this.file = file;
        DataSources.requireRegularFile(file);
        try (NpyReader reader = new NpyReader(file)) {
            if (reader.header().rank() != 2) {
                throw new LaeException(file + ": data must be a 2-D array (samples as rows), but it has rank "
                        + reader.header().rank());
            }
            if (reader.rows() == 0 || reader.columns() == 0) {
                throw new LaeException(file + ": holds no data: " + reader.rows() + " rows × " + reader.columns()
                        + " columns; give at least one sample of at least one feature");
            }
            this.rows = reader.rows();
            this.columns = (int) reader.columns();
        }
    }

    @Override
    public String description() {
        return file + " (" + rows + "×" + columns + ")";
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public void forEachChunk(int maxRows, Consumer<INDArray> chunk) {
        stream(maxRows, (reader, start, count) -> chunk.accept(reader.readRows(start, count)));
    }

    @Override
    public void forEachChunk(int maxRows, Precision precision, RowSink sink) {
        stream(maxRows, (reader, start, count) -> {
            reader.readRows(start, count, sink.buffer(count), precision);
            sink.filled(count);
        });
    }

    /** Reads one chunk of {@code count} rows from {@code start}. */
    @FunctionalInterface
    private interface ChunkReader {
        void read(NpyReader reader, long start, int count);
    }

    /** Reads every row in order, chunk by chunk, taking the fingerprint on the way when this source has none. */
    private void stream(int maxRows, ChunkReader chunk) {
        try (NpyReader reader = new NpyReader(file)) {
            Sha256Stream sha = hashing(reader);
            for (long start = 0; start < rows; start += maxRows) {
                chunk.read(reader, start, (int) Math.min(maxRows, rows - start));
            }
            keep(sha, reader);
        }
    }

    @Override
    public INDArray readAll() {
        try (NpyReader reader = new NpyReader(file)) {
            Sha256Stream sha = hashing(reader);
            INDArray all = reader.readAll();
            keep(sha, reader);
            return all;
        }
    }

    @Override
    public DataFingerprint fingerprint() {
        if (fingerprint == null) {
            fingerprint = DataFingerprint.ofFile(file, rows);
        }
        return fingerprint;
    }

    /** @return a digest fed by {@code reader}, until this source has its fingerprint */
    private Sha256Stream hashing(NpyReader reader) {
        if (fingerprint != null) {
            return null;
        }
        Sha256Stream sha = new Sha256Stream();
        reader.hashInto(sha);
        return sha;
    }

    /** Keeps the fingerprint a pass took, when it read the whole file in order. */
    private void keep(Sha256Stream sha, NpyReader reader) {
        if (sha != null && sha.isContiguous() && sha.count() == reader.size()) {
            fingerprint = new DataFingerprint(sha.hex(), sha.count(), rows, DataFingerprint.Content.FILE);
        }
    }
}
