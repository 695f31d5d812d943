package org.spiketime4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** @return an IDX byte image of unsigned bytes with the given dimensions and data */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bo)) {
            o.write(bytes);
        }
        return bo.toByteArray();
    }

    /**
     * Writes a split of n images rows x cols where pixel (i, y, x) = (i * 7 + y * cols + x) mod 256 and label i mod 10.
     */
    static void writeSplit(Path dir, Split split, int n, int rows, int cols, boolean gz) throws IOException {
        byte[] px = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                px[i * rows * cols + k] = (byte) pixel(i, k);
            }
        }
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) (i % 10);
        }
        byte[] im = idx(new int[] {n, rows, cols}, px);
        byte[] lb = idx(new int[] {n}, lab);
        String suffix = gz ? ".gz" : "";
        Files.createDirectories(dir);
        Files.write(dir.resolve(split.idxPrefix() + "-images-idx3-ubyte" + suffix), gz ? gzip(im) : im);
        Files.write(dir.resolve(split.idxPrefix() + "-labels-idx1-ubyte" + suffix), gz ? gzip(lb) : lb);
    }

    static int pixel(int i, int k) {
        return (i * 7 + k) % 256;
    }
}
