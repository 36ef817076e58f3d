package io.lae.data;

import io.lae.LaeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (LeCun's MNIST format: magic 0x00000803 for unsigned-byte images, 0x00000801 for
 * labels, then big-endian dimensions and the bytes), raw or gzipped, with its SHA-256 taken over
 * the uncompressed bytes.
 *
 * @param dimensions the sizes, e.g. [60000, 28, 28]
 * @param data       the unsigned bytes
 * @param sha256     the hex SHA-256 of the uncompressed file
 */
record IdxFile(int[] dimensions, byte[] data, String sha256) {

    /**
     * @param file a raw or gzipped IDX file of unsigned bytes
     * @return its contents
     * @throws LaeException if it is unreadable or not an unsigned-byte IDX file
     */
    static IdxFile read(Path file) {
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Files.size(file) * 8, Integer.MAX_VALUE - 8));
            in.transferTo(out);
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read (" + e.getMessage() + "); delete it and re-fetch it with lae fetch", e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < 4 || buf.getShort(0) != 0 || buf.get(2) != 0x08) {
            throw new LaeException(file + ": not an IDX file of unsigned bytes; delete it and re-fetch it with lae fetch");
        }
        int rank = bytes[3];
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt(4 + 4 * i);
            count *= dims[i];
        }
        int offset = 4 + 4 * rank;
        if (bytes.length - offset != count) {
            throw new LaeException(file + ": truncated or corrupt (header promises " + count + " bytes, "
                    + (bytes.length - offset) + " follow); delete it and re-fetch it with lae fetch");
        }
        byte[] data = java.util.Arrays.copyOfRange(bytes, offset, bytes.length);
        return new IdxFile(dims, data, sha256(bytes));
    }

    /** @return the uncompressed file's size in bytes: magic, dimensions and data */
    long size() {
        return 4L + 4L * dimensions.length + data.length;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
