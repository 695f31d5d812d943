package org.spiketime4j.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The content of one IDX file of unsigned bytes: its dimensions and its data in row-major order.
 * The data array is shared, not copied: treat it as read-only.
 */
public final class IdxArray {

    private final Path source;
    private final int[] dims;
    private final byte[] data;

    /**
     * @param source the file it was read from (for error messages)
     * @param dims the dimensions, outermost first
     * @param data the values, row-major, {@code product(dims)} bytes
     * @throws IllegalArgumentException if the data length does not match the dimensions
     */
    public IdxArray(Path source, int[] dims, byte[] data) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(source + ": dimensions " + Arrays.toString(dims) + " need " + n
                    + " bytes of data, got " + data.length);
        }
        this.source = source;
        this.dims = dims.clone();
        this.data = data;
    }

    /** @return the file it was read from */
    public Path source() {
        return source;
    }

    /** @return a copy of the dimensions, outermost first */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * @param i the axis
     * @return the size of axis {@code i}
     */
    public int dim(int i) {
        return dims[i];
    }

    /** @return the number of axes */
    public int rank() {
        return dims.length;
    }

    /** @return the values as unsigned bytes stored in a {@code byte[]} (use {@code b & 0xFF}); shared, not copied */
    public byte[] data() {
        return data;
    }
}
