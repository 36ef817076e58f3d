package io.lae.io;

import io.lae.LaeException;
import io.lae.Precision;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * An element type that lae reads from {@code .npy} files, with its byte order: float64, float32,
 * signed and unsigned integers of 1, 2, 4 and 8 bytes, and bool, all converted to float64 or float32.
 *
 * @param kind  the element type
 * @param order the byte order of multi-byte elements
 */
record NpyDtype(NpyDtype.Kind kind, ByteOrder order) {

    /** The supported element types, each with its NumPy kind character, size and decoder. */
    enum Kind {
        FLOAT64("f8") {
            @Override
            double next(ByteBuffer in) {
                return in.getDouble();
            }
        },
        FLOAT32("f4") {
            @Override
            double next(ByteBuffer in) {
                return in.getFloat();
            }
        },
        INT8("i1") {
            @Override
            double next(ByteBuffer in) {
                return in.get();
            }
        },
        UINT8("u1") {
            @Override
            double next(ByteBuffer in) {
                return Byte.toUnsignedInt(in.get());
            }
        },
        INT16("i2") {
            @Override
            double next(ByteBuffer in) {
                return in.getShort();
            }
        },
        UINT16("u2") {
            @Override
            double next(ByteBuffer in) {
                return Short.toUnsignedInt(in.getShort());
            }
        },
        INT32("i4") {
            @Override
            double next(ByteBuffer in) {
                return in.getInt();
            }
        },
        UINT32("u4") {
            @Override
            double next(ByteBuffer in) {
                return Integer.toUnsignedLong(in.getInt());
            }
        },
        INT64("i8") {
            @Override
            double next(ByteBuffer in) {
                return in.getLong();
            }
        },
        UINT64("u8") {
            @Override
            double next(ByteBuffer in) {
                long bits = in.getLong();
                if (bits >= 0) {
                    return bits;
                }
                // Halve with the lost bit kept as a sticky bit, so the conversion rounds correctly.
                return ((bits >>> 1) | (bits & 1)) * 2.0;
            }
        },
        BOOL("b1") {
            @Override
            double next(ByteBuffer in) {
                return in.get() == 0 ? 0 : 1;
            }
        };

        private final String code;

        /** @param code the descriptor without its byte order: kind character and size in bytes */
        Kind(String code) {
            this.code = code;
        }

        /** Reads the next element at the buffer's position, which must have the right byte order. */
        abstract double next(ByteBuffer in);

        /** The NumPy name, e.g. {@code float64}, {@code uint8}, {@code bool}. */
        String numpyName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Parses a NumPy type descriptor such as {@code '<f8'}, {@code '>i4'} or {@code '|b1'}.
     *
     * @param descr the descriptor from the header
     * @param file  the file, for the message
     * @throws LaeException if lae cannot read arrays of that type
     */
    static NpyDtype parse(String descr, String file) {
        boolean hasOrder = !descr.isEmpty() && "<>|=".indexOf(descr.charAt(0)) >= 0;
        String code = hasOrder ? descr.substring(1) : descr;
        if (code.equals("O")) {
            throw new LaeException(file + ": object arrays (dtype '" + descr + "') cannot be read;"
                    + " save a numeric array");
        }
        for (Kind kind : Kind.values()) {
            if (kind.code.equals(code)) {
                return new NpyDtype(kind, order(hasOrder ? descr.charAt(0) : '='));
            }
        }
        throw new LaeException(file + ": unsupported dtype '" + descr + "' (lae reads float32,"
                + " float64, integer and bool arrays); convert it with a.astype(numpy.float64)");
    }

    private static ByteOrder order(char c) {
        return switch (c) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
    }

    /** Bytes per element. */
    int size() {
        return kind.code.charAt(1) - '0';
    }

    /**
     * Decodes {@code n} elements from the buffer's position into elements {@code start}, {@code start + stride}, and
     * so on of {@code out}, converted to {@code into}: a float64 array's segment, or memory outside the heap such as
     * a GPU's staging buffer. Elements stored as {@code into} already, laid out one after the other, are copied in
     * bulk (swapping bytes where the file's order is not the machine's).
     */
    void decode(ByteBuffer in, MemorySegment out, long start, long stride, int n, Precision into) {
        in.order(order);
        ValueLayout element = into.isDouble() ? ValueLayout.JAVA_DOUBLE : ValueLayout.JAVA_FLOAT;
        if (stride == 1 && kind == (into.isDouble() ? Kind.FLOAT64 : Kind.FLOAT32)) {
            // the buffer's segment starts at its position
            MemorySegment.copy(MemorySegment.ofBuffer(in), element.withOrder(order).withByteAlignment(1), 0, out,
                    element.withByteAlignment(1), start * element.byteSize(), n);
            in.position(in.position() + n * size());
            return;
        }
        for (long k = 0, at = start; k < n; k++, at += stride) {
            if (into.isDouble()) {
                out.setAtIndex(ValueLayout.JAVA_DOUBLE, at, kind.next(in));
            } else {
                out.setAtIndex(ValueLayout.JAVA_FLOAT, at, (float) kind.next(in));
            }
        }
    }
}
