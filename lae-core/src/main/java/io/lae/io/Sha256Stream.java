package io.lae.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 taken over bytes as a reader goes through them, so that hashing a file costs no read of its own:
 * {@link #update(long, ByteBuffer)} takes reads by file position and hashes them while they continue one another
 * from byte 0; a read that skips ahead leaves the digest {@linkplain #isContiguous() broken}, and one that re-reads
 * bytes already hashed is ignored. {@link #hashing(InputStream)} does the same for a stream read to its end.
 */
public final class Sha256Stream {

    private final MessageDigest digest;
    private long count;
    private boolean skipped;

    /** A digest of no bytes yet. */
    public Sha256Stream() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Hashes the next bytes.
     *
     * @param bytes from its position to its limit, which stay as they are
     */
    public void update(ByteBuffer bytes) {
        update(count, bytes);
    }

    /**
     * Hashes bytes read from a file position, when they are the next ones.
     *
     * @param position where in the file {@code bytes} were read from
     * @param bytes    from its position to its limit, which stay as they are
     */
    public void update(long position, ByteBuffer bytes) {
        long end = position + bytes.remaining();
        if (skipped || end <= count) {
            return;
        }
        if (position > count) {
            skipped = true;
            return;
        }
        ByteBuffer fresh = bytes.duplicate();
        fresh.position(fresh.position() + (int) (count - position));
        digest.update(fresh);
        count = end;
    }

    /** @return whether every byte from 0 to {@link #count()} was hashed in order */
    public boolean isContiguous() {
        return !skipped;
    }

    /** @return how many bytes were hashed */
    public long count() {
        return count;
    }

    /** @return the SHA-256 of the bytes hashed, as 64 lower-case hex digits (the digest is then reset) */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Hashes a file by reading it through.
     *
     * @param file a file
     * @return the digest of all its bytes
     * @throws IOException if reading fails
     */
    public static Sha256Stream ofFile(Path file) throws IOException {
        Sha256Stream sha = new Sha256Stream();
        try (InputStream in = sha.hashing(Files.newInputStream(file))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return sha;
    }

    /**
     * @param in a stream whose bytes from here on are the ones to hash
     * @return {@code in}, hashing every byte read through it
     */
    public InputStream hashing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    update(ByteBuffer.wrap(new byte[] {(byte) b}));
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    update(ByteBuffer.wrap(buffer, offset, n));
                }
                return n;
            }

            @Override
            public long skip(long n) {
                throw new UnsupportedOperationException("a hashed stream is read, not skipped");
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }
}
