package io.lae.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The digest taken while reading equals {@link MessageDigest}'s over the same bytes, or says it could not be taken. */
class Sha256StreamTest {

    private static final byte[] BYTES = new byte[10_000];

    static {
        new Random(7).nextBytes(BYTES);
    }

    private static String reference(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static ByteBuffer slice(int from, int to) {
        return ByteBuffer.wrap(BYTES, from, to - from);
    }

    @Test
    void readsInOrderAndRereadsGiveTheFilesDigest() throws Exception {
        Sha256Stream sha = new Sha256Stream();
        sha.update(0, slice(0, 100));
        sha.update(0, slice(0, 50)); // re-read of hashed bytes: ignored
        sha.update(60, slice(60, 4000)); // overlaps: only the new part counts
        sha.update(4000, slice(4000, BYTES.length));
        assertTrue(sha.isContiguous());
        assertEquals(BYTES.length, sha.count());
        assertEquals(reference(BYTES), sha.hex());
    }

    @Test
    void aReadThatSkipsAheadBreaksTheDigest() {
        Sha256Stream sha = new Sha256Stream();
        sha.update(0, slice(0, 100));
        sha.update(200, slice(200, 300));
        sha.update(100, slice(100, 200));
        assertFalse(sha.isContiguous());
        assertEquals(100, sha.count());
    }

    @Test
    void updatesLeaveTheBufferAsTheyFoundIt() {
        ByteBuffer buffer = slice(0, 64);
        int position = buffer.position();
        new Sha256Stream().update(0, buffer);
        assertEquals(position, buffer.position());
        assertEquals(64, buffer.remaining());
    }

    @Test
    void aHashingStreamDigestsWhatIsReadThroughIt() throws Exception {
        Sha256Stream sha = new Sha256Stream();
        try (InputStream in = sha.hashing(new ByteArrayInputStream(BYTES))) {
            assertEquals(BYTES[0] & 0xff, in.read());
            in.transferTo(OutputStream.nullOutputStream());
        }
        assertEquals(BYTES.length, sha.count());
        assertEquals(reference(BYTES), sha.hex());
    }
}
