package org.spiketime4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A NumPy {@code .npy} array read in plain Java (no native code touches the user's bytes), as float64 values in
 * row-major (C) order.
 *
 * <p>Format (NEP 1): the magic {@code \x93NUMPY}, a major and a minor version byte, the header length (2 bytes
 * little-endian for version 1, 4 bytes for versions 2 and 3), then the header, a Python dict literal with
 * {@code 'descr'}, {@code 'fortran_order'} and {@code 'shape'}, then the data. Supported element types: float
 * ({@code f4}, {@code f8}), signed and unsigned integers of 1, 2, 4 and 8 bytes, and bool ({@code b1}), in either
 * byte order; a Fortran-order array is transposed into row-major order. Strings, objects, structured, complex,
 * date and half-precision types are rejected, and so is a file whose data is shorter or longer than its shape
 * needs. Every message names the source and, for a problem in the bytes, the byte offset.
 *
 * @param shape the dimensions (empty for a scalar)
 * @param data  the values, row-major, {@code product(shape)} of them
 */
public record NpyArray(long[] shape, double[] data) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*('([^']*)'|\\[)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Checks that the data holds exactly one value per element of the shape. */
    public NpyArray {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("shape and data must not be null");
        }
        if (elements(shape, "shape") != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + elements(shape, "shape")
                    + " values, data has " + data.length);
        }
        shape = shape.clone();
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @param file the file
     * @return the array
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a supported, complete {@code .npy} array (message names the file
     *         and the byte offset)
     */
    public static NpyArray read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_ELEMENTS) {
            throw new IllegalArgumentException(file + ": " + size + " bytes is too large for a .npy array read into "
                    + "memory (at most " + MAX_ELEMENTS + ")");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a {@code .npy} stream to its end.
     *
     * @param in     the stream (not closed)
     * @param source its name, for messages
     * @return the array
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if it is not a supported, complete {@code .npy} array
     */
    public static NpyArray read(InputStream in, String source) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return parse(buf.toByteArray(), source);
    }

    /**
     * Parses the content of a {@code .npy} file.
     *
     * @param bytes  the content
     * @param source its name, for messages
     * @return the array
     * @throws IllegalArgumentException if it is not a supported, complete {@code .npy} array
     */
    public static NpyArray parse(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(source + ": not a .npy file (bytes 0..5 are not the magic \\x93NUMPY)");
        }
        int major = bytes[6] & 0xFF;
        if (major < 1 || major > 3) {
            throw new IllegalArgumentException(source + ": unsupported .npy version " + major + " at byte offset 6 "
                    + "(supported: 1, 2, 3)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        int headerStart = 8 + lengthBytes;
        if (bytes.length < headerStart) {
            throw new IllegalArgumentException(source + ": truncated .npy header: the file ends at byte offset "
                    + bytes.length + ", before the header length at byte offset 8");
        }
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? le.getShort(8) & 0xFFFF : le.getInt(8) & 0xFFFFFFFFL;
        long dataStart = headerStart + headerLength;
        if (dataStart > bytes.length) {
            throw new IllegalArgumentException(source + ": truncated .npy header: it announces " + headerLength
                    + " bytes from byte offset " + headerStart + ", the file ends at byte offset " + bytes.length);
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(header, source);
        long count = elements(h.shape, source + ": shape " + Arrays.toString(h.shape));
        long need = count * h.type.size;
        long have = bytes.length - dataStart;
        if (have != need) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %s: shape %s of %s needs %d data bytes from byte offset %d, the file has %d (it ends at byte "
                            + "offset %d)", source, have < need ? "truncated data" : "unexpected trailing data",
                    Arrays.toString(h.shape), h.descr, need, dataStart, have, bytes.length));
        }
        long heap = Runtime.getRuntime().maxMemory() / 2;
        if (count > MAX_ELEMENTS || count * Double.BYTES > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d elements need %.1f GiB as float64, "
                    + "more than this reader takes (%d elements, half the Java heap: %.1f GiB)", source, count,
                    count * 8.0 / (1L << 30), Math.min(MAX_ELEMENTS, heap / Double.BYTES), heap / (double) (1L << 30)));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, (int) dataStart, (int) need).slice().order(h.order);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = h.type.get(buf, i);
        }
        return new NpyArray(h.shape, h.fortranOrder ? toRowMajor(values, h.shape) : values);
    }

    /** @return the dimensions (a copy) */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return the array as a float64 {@link INDArray} of the same shape (a scalar for rank 0) */
    public INDArray toINDArray() {
        return shape.length == 0 ? Nd4j.scalar(data[0]) : Nd4j.create(data, shape, 'c');
    }

    private static long elements(long[] shape, String what) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(what + ": negative dimension " + s);
            }
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + ": the number of elements overflows a long", e);
            }
        }
        return n;
    }

    /** Column-major values to row-major: element (i0..ik) sits at sum(i_j * prod(shape[0..j-1])) in the input. */
    private static double[] toRowMajor(double[] f, long[] shape) {
        double[] c = new double[f.length];
        int rank = shape.length;
        int[] idx = new int[rank];
        for (int rowMajor = 0; rowMajor < c.length; rowMajor++) {
            long colMajor = 0;
            long stride = 1;
            for (int d = 0; d < rank; d++) {
                colMajor += idx[d] * stride;
                stride *= shape[d];
            }
            c[rowMajor] = f[(int) colMajor];
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return c;
    }

    /** The element types read: kind letter and size in bytes. */
    private enum ElementType {
        F4(4), F8(8), I1(1), I2(2), I4(4), I8(8), U1(1), U2(2), U4(4), U8(8), B1(1);

        final int size;

        ElementType(int size) {
            this.size = size;
        }

        double get(ByteBuffer b, int i) {
            return switch (this) {
                case F4 -> b.getFloat(i * 4);
                case F8 -> b.getDouble(i * 8);
                case I1 -> b.get(i);
                case I2 -> b.getShort(i * 2);
                case I4 -> b.getInt(i * 4);
                case I8 -> b.getLong(i * 8);
                case U1, B1 -> b.get(i) & 0xFF;
                case U2 -> b.getShort(i * 2) & 0xFFFF;
                case U4 -> b.getInt(i * 4) & 0xFFFFFFFFL;
                case U8 -> unsigned(b.getLong(i * 8));
            };
        }

        private static double unsigned(long v) {
            return (v >>> 1) * 2.0 + (v & 1);
        }
    }

    private record Header(String descr, ElementType type, ByteOrder order, boolean fortranOrder, long[] shape) {

        static Header parse(String text, String source) {
            Matcher d = DESCR.matcher(text);
            Matcher f = FORTRAN.matcher(text);
            Matcher s = SHAPE.matcher(text);
            if (!text.strip().startsWith("{") || !d.find() || !f.find() || !s.find()) {
                throw new IllegalArgumentException(source + ": malformed .npy header at byte offset "
                        + "8: expected a dict with 'descr', 'fortran_order' and 'shape', got "
                        + abbreviate(text.strip()));
            }
            if (d.group(2) == null) {
                throw new IllegalArgumentException(source + ": structured dtype (a list of fields) is not supported; "
                        + "save a plain numeric array");
            }
            String descr = d.group(2);
            char order = descr.isEmpty() ? '?' : descr.charAt(0);
            String kind = descr.length() > 1 ? descr.substring(1) : descr;
            ElementType type = kind.matches("[fiub][1248]") ? typeOf(kind.toUpperCase(Locale.ROOT)) : null;
            if ("<>|=".indexOf(order) < 0 || type == null) {
                throw new IllegalArgumentException(source + ": dtype '" + descr + "' is not supported (supported: "
                        + "float f4/f8, integers i1/i2/i4/i8, u1/u2/u4/u8 and bool b1, either byte order); strings, "
                        + "objects, complex, dates and float16 are not");
            }
            return new Header(descr, type, order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                    f.group(1).equals("True"), dims(s.group(1), source));
        }

        private static ElementType typeOf(String kind) {
            try {
                return ElementType.valueOf(kind);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static long[] dims(String tuple, String source) {
            String[] parts = tuple.split(",");
            int n = parts.length > 0 && parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
            long[] shape = new long[tuple.isBlank() ? 0 : n];
            for (int i = 0; i < shape.length; i++) {
                try {
                    shape[i] = Long.parseLong(parts[i].strip().replaceFirst("L$", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": malformed .npy shape (" + tuple + ")", e);
                }
                if (shape[i] < 0) {
                    throw new IllegalArgumentException(source + ": negative dimension " + shape[i] + " in .npy shape ("
                            + tuple + ")");
                }
            }
            return shape;
        }

        private static String abbreviate(String s) {
            return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 80) + "...'";
        }
    }
}
