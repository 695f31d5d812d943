package org.spiketime4j.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), gzip-compressed or raw; the compression is detected
 * from the first two bytes ({@code 1f 8b}), not from the file name.
 *
 * <p>Format: bytes 0 and 1 are zero, byte 2 is the element type (only {@code 0x08}, unsigned byte, is
 * supported), byte 3 the number of dimensions d; then d big-endian 32-bit sizes; then the values in row-major
 * order. A file that breaks any of this, that has fewer or more data bytes than the sizes announce, or whose
 * gzip stream is damaged, is rejected with a message naming the file, what was expected and what came.
 */
public final class IdxReader {

    /** The element type code of unsigned bytes. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;

    private static final int MAX_RANK = 8;

    private IdxReader() {
    }

    /**
     * Reads a whole IDX file into memory.
     *
     * @param file the file, gzip-compressed or raw
     * @return its dimensions and data
     * @throws IOException if the file cannot be read or its gzip stream is damaged (message names the file)
     * @throws IllegalArgumentException if the content is not a valid unsigned-byte IDX file (message names the
     *         file and the problem)
     */
    public static IdxArray read(Path file) throws IOException {
        return parse(file, readPossiblyGzipped(file));
    }

    /**
     * Reads an IDX file and checks its rank.
     *
     * @param file the file
     * @param rank the number of dimensions expected (3 for images, 1 for labels)
     * @return its dimensions and data
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the content is invalid or has another rank
     */
    public static IdxArray read(Path file, int rank) throws IOException {
        IdxArray a = read(file);
        if (a.rank() != rank) {
            throw new IllegalArgumentException(file + ": expected an IDX file with " + rank + " dimension(s), found "
                    + a.rank() + " " + Arrays.toString(a.dims()));
        }
        return a;
    }

    /**
     * Reads a file and inflates it when it starts with the gzip magic bytes.
     *
     * @param file the file
     * @return the (uncompressed) bytes
     * @throws IOException if the file cannot be read or its gzip stream is damaged or truncated
     */
    static byte[] readPossiblyGzipped(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length < 2 || (raw[0] & 0xFF) != 0x1F || (raw[1] & 0xFF) != 0x8B) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(file + ": damaged or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses IDX content.
     *
     * @param source the file name for messages
     * @param bytes the uncompressed content
     * @return its dimensions and data
     * @throws IllegalArgumentException if the content is invalid
     */
    static IdxArray parse(Path source, byte[] bytes) {
        if (bytes.length < 4) {
            throw new IllegalArgumentException(source + ": too short for an IDX header: " + bytes.length
                    + " byte(s), expected at least 4");
        }
        if (bytes[0] != 0 || bytes[1] != 0) {
            throw new IllegalArgumentException(String.format(
                    "%s: bad IDX magic number: first two bytes are %02x %02x, expected 00 00 (not an IDX file?)",
                    source, bytes[0] & 0xFF, bytes[1] & 0xFF));
        }
        int type = bytes[2] & 0xFF;
        if (type != TYPE_UNSIGNED_BYTE) {
            throw new IllegalArgumentException(String.format(
                    "%s: unsupported IDX element type 0x%02x at byte 2, only 0x08 (unsigned byte) is supported",
                    source, type));
        }
        int rank = bytes[3] & 0xFF;
        if (rank < 1 || rank > MAX_RANK) {
            throw new IllegalArgumentException(source + ": IDX rank " + rank + " at byte 3 is out of range 1.."
                    + MAX_RANK);
        }
        int headerLength = 4 + 4 * rank;
        if (bytes.length < headerLength) {
            throw new IllegalArgumentException(source + ": truncated IDX header: " + rank + " dimensions need "
                    + headerLength + " header bytes, the file has " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes); // big-endian by default
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt(4 + 4 * i);
            if (dims[i] < 0) {
                throw new IllegalArgumentException(source + ": dimension " + i + " at byte " + (4 + 4 * i)
                        + " is negative: " + dims[i]);
            }
            try {
                count = Math.multiplyExact(count, dims[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(source + ": dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + " (bytes 4.." + (4 + 4 * i + 3) + ") describe more elements than a long can count", e);
            }
        }
        long available = bytes.length - (long) headerLength;
        if (count != available) {
            String what = count > available ? "truncated data" : "unexpected trailing data";
            throw new IllegalArgumentException(source + ": " + what + ": dimensions " + Arrays.toString(dims)
                    + " need " + count + " data bytes after the " + headerLength + "-byte header, the file has "
                    + available);
        }
        byte[] data = Arrays.copyOfRange(bytes, headerLength, bytes.length);
        return new IdxArray(source, dims, data);
    }
}
