package io.lae.io;

import io.lae.LaeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * An element type that lae reads from {@code .npy} files, with its byte order: float64, float32,
 * signed and unsigned integers of 1, 2, 4 and 8 bytes, and bool, all converted to double.
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
     * Decodes {@code n} elements from the buffer's position into {@code out[start]},
     * {@code out[start + stride]}, and so on.
     */
    void decode(ByteBuffer in, double[] out, int start, int stride, int n) {
        in.order(order);
        for (int k = 0, at = start; k < n; k++, at += stride) {
            out[at] = kind.next(in);
        }
    }
}
