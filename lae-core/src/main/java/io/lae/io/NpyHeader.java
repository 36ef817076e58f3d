package io.lae.io;

import io.lae.LaeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): what the data that
 * follows it holds, and where it starts.
 *
 * <p>The file starts with the magic bytes {@code \x93NUMPY}, the major and minor version, the
 * header length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0) and the header: a
 * Python dict literal with the keys {@code 'descr'}, {@code 'fortran_order'} and {@code 'shape'},
 * in Latin-1 (UTF-8 in version 3.0), padded with spaces and a newline.
 *
 * @param descr        the NumPy type descriptor, e.g. {@code <f8} or {@code |u1}
 * @param fortranOrder whether the data is stored column by column (Fortran order) rather than row
 *                     by row (C order)
 * @param shape        the array's dimensions; empty for a 0-d array
 * @param dataOffset   the byte position in the file where the data starts
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy.save starts the data at a multiple of this many bytes. */
    private static final int ALIGN = 64;
    /** numpy.save leaves room for the first axis to grow to this many digits in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Far more than any real header needs; guards against reading garbage as a header. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    /**
     * Checks and copies the components.
     *
     * @param descr        the NumPy type descriptor
     * @param fortranOrder whether the data is stored in Fortran order
     * @param shape        the array's dimensions, copied
     * @param dataOffset   the byte position of the data
     * @throws IllegalArgumentException if a dimension or the data offset is negative, or the
     *                                  shape has more than {@link Long#MAX_VALUE} elements
     */
    public NpyHeader {
        Objects.requireNonNull(descr, "descr");
        shape = shape.clone();
        if (dataOffset < 0) {
            throw new IllegalArgumentException("negative data offset " + dataOffset);
        }
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        try {
            Arrays.stream(shape).reduce(1, Math::multiplyExact);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
        }
    }

    /**
     * Reads the header of a {@code .npy} file without reading its data; this works for any dtype
     * and rank, so it can describe files that {@link NpyReader} rejects.
     *
     * @param file the file
     * @return its header
     * @throws LaeException if the file is missing, unreadable or not a valid {@code .npy} file
     */
    public static NpyHeader read(Path file) {
        try (FileChannel channel = NpyFiles.openForReading(file)) {
            return read(channel, file.toString());
        } catch (IOException e) {
            throw NpyFiles.readFailure(file.toString(), e);
        }
    }

    /** Reads the header from the start of an open channel; {@code file} names it in messages. */
    static NpyHeader read(FileChannel channel, String file) throws IOException {
        long size = channel.size();
        if (size == 0) {
            throw new LaeException(file + ": empty file (0 bytes); save the array with numpy.save");
        }
        ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(size, MAGIC.length + 6))
                .order(ByteOrder.LITTLE_ENDIAN);
        NpyFiles.readFully(channel, prefix, 0);
        checkMagic(prefix, file);
        int major = prefix.get(MAGIC.length);
        int minor = prefix.get(MAGIC.length + 1);
        if (minor != 0 || major < 1 || major > 3) {
            throw new LaeException(file + ": unsupported .npy format version " + (major & 0xFF) + "."
                    + (minor & 0xFF) + " (lae reads 1.0, 2.0 and 3.0); save it with numpy.save");
        }
        int start = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        if (prefix.limit() < start) {
            throw truncatedHeader(file, "the file has only " + size + " bytes");
        }
        long length = major == 1 ? Short.toUnsignedInt(prefix.getShort(MAGIC.length + 2))
                : Integer.toUnsignedLong(prefix.getInt(MAGIC.length + 2));
        if (length > MAX_HEADER_BYTES) {
            throw malformed(file, "it claims to be " + length + " bytes long");
        }
        if (size - start < length) {
            throw truncatedHeader(file, "it promises " + length + " bytes of header but only "
                    + (size - start) + " follow");
        }
        ByteBuffer text = ByteBuffer.allocate((int) length);
        NpyFiles.readFully(channel, text, start);
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return fromDict(dict, start + length, file);
    }

    /** Checks the magic bytes; the prefix holds the file's first bytes (at least one). */
    private static void checkMagic(ByteBuffer prefix, String file) {
        for (int i = 0; i < MAGIC.length + 2; i++) {
            if (i >= prefix.limit()) {
                throw truncatedHeader(file, "the file has only " + prefix.limit() + " bytes");
            }
            if (i < MAGIC.length && prefix.get(i) != MAGIC[i]) {
                throw new LaeException(file + (isZip(prefix)
                        ? ": a zip archive (.npz), not a .npy file; save one array of it with numpy.save"
                        : ": not a .npy file (it does not start with \\x93NUMPY); save it with numpy.save"));
            }
        }
    }

    private static boolean isZip(ByteBuffer prefix) {
        return prefix.limit() >= 2 && prefix.get(0) == 'P' && prefix.get(1) == 'K';
    }

    /** Interprets the header's dict literal. */
    private static NpyHeader fromDict(String text, long dataOffset, String file) {
        Object parsed;
        try {
            parsed = PyLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw malformed(file, e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw malformed(file, "it is not a dict");
        }
        Object descr = required(dict, "descr", file);
        Object fortranOrder = required(dict, "fortran_order", file);
        Object shape = required(dict, "shape", file);
        if (descr instanceof List) {
            throw new LaeException(file + ": structured arrays (a dtype with named fields) cannot be read;"
                    + " save a plain numeric array, e.g. one field: numpy.save(path, a['x'])");
        }
        if (!(descr instanceof String type)) {
            throw malformed(file, "'descr' is not a string");
        }
        if (!(fortranOrder instanceof Boolean fortran)) {
            throw malformed(file, "'fortran_order' is not True or False");
        }
        if (!(shape instanceof List<?> dimensions) || !dimensions.stream().allMatch(Long.class::isInstance)) {
            throw malformed(file, "'shape' is not a tuple of integers");
        }
        try {
            return new NpyHeader(type, fortran, dimensions.stream().mapToLong(Long.class::cast).toArray(),
                    dataOffset);
        } catch (IllegalArgumentException e) {
            throw malformed(file, e.getMessage());
        }
    }

    private static Object required(Map<?, ?> dict, String key, String file) {
        if (!dict.containsKey(key)) {
            throw malformed(file, "no '" + key + "' key");
        }
        return dict.get(key);
    }

    private static LaeException malformed(String file, String problem) {
        return new LaeException(file + ": malformed header (" + problem + "); save the array again with numpy.save");
    }

    private static LaeException truncatedHeader(String file, String problem) {
        return new LaeException(file + ": truncated header (" + problem + "); the file is incomplete,"
                + " save the array again with numpy.save");
    }

    /**
     * The bytes that {@code numpy.save} writes before the data of a C-order array: magic, version
     * 1.0, the header length and the dict, padded with spaces (first some room for the first axis to
     * grow, then enough for the data to start at a multiple of 64 bytes) and a final newline.
     */
    static byte[] encode(String descr, long[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(pythonTuple(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        int prefix = MAGIC.length + 4;
        dict.append(" ".repeat(ALIGN - (prefix + dict.length() + 1) % ALIGN)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text)
                .array();
    }

    private static String pythonTuple(long[] shape) {
        String items = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + items + (shape.length == 1 ? ",)" : ")");
    }

    /** A shape for messages, e.g. {@code 100 x 784}; {@code 1} for a 0-d array. */
    static String describe(long[] shape) {
        return shape.length == 0 ? "1"
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(" x "));
    }

    /** @return a copy of the array's dimensions; empty for a 0-d array */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions: 0 for a scalar, 1 for a vector, 2 for a matrix */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements: the product of the dimensions (1 for a 0-d array) */
    public long elementCount() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** Compares all components, the shape by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof NpyHeader that && descr.equals(that.descr)
                && fortranOrder == that.fortranOrder && Arrays.equals(shape, that.shape)
                && dataOffset == that.dataOffset;
    }

    /** A hash of all components, the shape by content. */
    @Override
    public int hashCode() {
        return Objects.hash(descr, fortranOrder, Arrays.hashCode(shape), dataOffset);
    }

    /** The components, the shape as a list of dimensions. */
    @Override
    public String toString() {
        return "NpyHeader[descr=" + descr + ", fortranOrder=" + fortranOrder + ", shape="
                + Arrays.toString(shape) + ", dataOffset=" + dataOffset + "]";
    }
}
