package io.lae.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lae.LaeException;
import io.lae.io.Sha256Stream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a run was trained on, kept to tell the same data from other data: the SHA-256 of the bytes lae read, how
 * many there were, and the number of samples they held. A file is hashed as stored (a gzipped IDX file as its
 * uncompressed bytes, the form its published checksum is of), while lae reads it, so the fingerprint costs no read
 * of its own; data made in memory (synthetic sets, a library user's array) is hashed as its float64 values.
 *
 * @param sha256  the SHA-256, 64 lower-case hex digits
 * @param bytes   how many bytes were hashed
 * @param rows    m, the number of samples
 * @param content what the bytes are
 */
public record DataFingerprint(String sha256, long bytes, long rows, Content content) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws IllegalArgumentException for a SHA-256 that is not 64 lower-case hex digits, a negative count or no
     *     content (a fingerprint read back from an edited file)
     */
    public DataFingerprint {
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        if (bytes < 0 || rows < 0 || content == null) {
            throw new IllegalArgumentException("bytes and rows must be counts and content given, got " + bytes + ", "
                    + rows + ", " + content);
        }
    }

    /** The bytes a fingerprint was taken of. */
    public enum Content {
        /** The data file as stored on disk. */
        FILE("file"),
        /** The samples' float64 values, row after row, each little-endian. */
        FLOAT64_VALUES("float64 values");

        private final String label;

        Content(String label) {
            this.label = label;
        }

        /** @return the name run.json gives it */
        @JsonValue
        public String label() {
            return label;
        }

        /**
         * @param label a name {@link #label()} returned
         * @return the content it names
         * @throws IllegalArgumentException for any other name
         */
        @JsonCreator
        public static Content fromLabel(String label) {
            for (Content c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("not a fingerprint content: " + label);
        }
    }

    /** Rows hashed per block by {@link #ofValues}: 4 MiB of doubles at n = 128. */
    private static final int BLOCK_ROWS = 4096;

    /**
     * @param rows samples as rows (m×n), any dtype; hashed as the float64 values they hold
     * @return their fingerprint
     */
    public static DataFingerprint ofValues(INDArray rows) {
        Sha256Stream sha = new Sha256Stream();
        long m = rows.rows();
        for (long start = 0; start < m; start += BLOCK_ROWS) {
            INDArray block = rows.get(NDArrayIndex.interval(start, Math.min(m, start + BLOCK_ROWS)), NDArrayIndex.all());
            double[] values = block.dup('c').data().asDouble();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asDoubleBuffer().put(values);
            sha.update(bytes);
        }
        return new DataFingerprint(sha.hex(), sha.count(), m, Content.FLOAT64_VALUES);
    }

    /**
     * Hashes a file by reading it, for a source that holds no fingerprint from its own reading.
     *
     * @param file a file
     * @param rows the samples it holds
     * @return its fingerprint
     * @throws LaeException if reading fails
     */
    public static DataFingerprint ofFile(Path file, long rows) {
        try {
            Sha256Stream sha = Sha256Stream.ofFile(file);
            return new DataFingerprint(sha.hex(), sha.count(), rows, Content.FILE);
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read it (" + e.getMessage() + "); check the file", e);
        }
    }

    /**
     * @param other a fingerprint taken earlier
     * @return whether both are of the same bytes
     */
    public boolean sameData(DataFingerprint other) {
        return sha256.equals(other.sha256) && bytes == other.bytes && content == other.content;
    }

    /** @return e.g. "sha256 3f2a…c901 of the file (160128 bytes, 200 rows)" */
    public String describe() {
        return String.format(Locale.ROOT, "sha256 %s…%s of the %s (%d bytes, %d rows)", sha256.substring(0, 8),
                sha256.substring(sha256.length() - 8), content.label(), bytes, rows);
    }
}
