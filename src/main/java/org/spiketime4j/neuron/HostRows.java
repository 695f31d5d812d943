package org.spiketime4j.neuron;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct access to the host memory of a contiguous {@code [R, K]} float ND4J array, a tile of one row at
 * a time: the input and output of the fused CPU loops ({@link FusedSrm}, {@link FusedPooling}), and of loops
 * elsewhere that follow their rule ({@link KernelDispatch#hostRow}). Reading and writing are bulk
 * copies through the buffer's NIO view, so a tile that fits the cache costs about a memcpy.
 */
public final class HostRows {

    private final FloatBuffer floats;
    private final long base;
    private final long rowLength;
    private final long rows;

    /**
     * @param array a supported array (see {@link #supports})
     * @throws IllegalArgumentException if it is not supported
     */
    HostRows(INDArray array) {
        if (!supports(array)) {
            throw new IllegalArgumentException("fused kernels need a contiguous row-major rank-2 float array "
                    + "on the CPU backend, got " + array.dataType() + " " + array.ordering() + " "
                    + java.util.Arrays.toString(array.shape()));
        }
        this.base = array.offset();
        this.rows = array.size(0);
        this.rowLength = array.size(1);
        this.floats = array.data().asNioFloat();
        long capacity = floats.capacity();
        if (capacity < base + rows * rowLength) {
            throw new IllegalStateException("host view of the buffer is shorter (" + capacity + ") than the array needs ("
                    + (base + rows * rowLength) + ")");
        }
    }

    /**
     * @param array an array
     * @return whether the fused loops can read and write it (on the CPU backend): float, rank 2, rows contiguous
     *         and back to back ({@link Nd4jAlgebra#isRowMajorContiguous}), at most 2^31 - 1 elements from the
     *         buffer's start
     */
    static boolean supports(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.rank() == 2 && !array.isEmpty()
                && Nd4jAlgebra.isRowMajorContiguous(array)
                && array.offset() + array.length() < Integer.MAX_VALUE;
    }

    /**
     * Copies {@code len} values of row {@code row}, from column {@code from}, into {@code dst[0..len)}. An
     * array of one row serves every row index (a static input).
     *
     * @param row  the row
     * @param from the first column
     * @param len  the number of values
     * @param dst  where they go
     */
    public void read(long row, int from, int len, float[] dst) {
        floats.get(index(row, from), dst, 0, len);
    }

    /**
     * Writes {@code src[0..len)} to row {@code row} from column {@code from}.
     *
     * @param row  the row
     * @param from the first column
     * @param len  the number of values
     * @param src  the values
     */
    public void write(long row, int from, int len, float[] src) {
        floats.put(index(row, from), src, 0, len);
    }

    /**
     * Copies rows {@code first .. first+count-1}, back to back, into {@code dst[0 .. count * rowLength)}: one bulk
     * copy instead of one per row.
     *
     * @param first the first row
     * @param count the number of rows
     * @param dst   where they go
     * @throws IndexOutOfBoundsException for rows outside the array
     */
    public void readRows(long first, int count, float[] dst) {
        checkRows(first, count);
        floats.get(index(first, 0), dst, 0, Math.multiplyExact(count, (int) rowLength));
    }

    /**
     * Writes {@code src[0 .. count * rowLength)} to rows {@code first .. first+count-1}, back to back.
     *
     * @param first the first row
     * @param count the number of rows
     * @param src   the values
     * @throws IndexOutOfBoundsException for rows outside the array
     */
    public void writeRows(long first, int count, float[] src) {
        checkRows(first, count);
        floats.put(index(first, 0), src, 0, Math.multiplyExact(count, (int) rowLength));
    }

    private void checkRows(long first, int count) {
        if (first < 0 || count < 0 || first + count > rows) {
            throw new IndexOutOfBoundsException("rows " + first + " .. " + (first + count - 1) + " of " + rows);
        }
    }

    private int index(long row, int from) {
        return (int) (base + (rows == 1 ? 0 : row) * rowLength + from);
    }
}
