package org.spiketime4j.plot;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conversions from ND4J arrays to plain Java arrays, with shape checks that name the input. */
final class PlotArrays {

    private PlotArrays() {
    }

    /**
     * Copies a rank-2 array into a new {@code double[rows][columns]}.
     *
     * @param a    the array, rank 2, non-empty
     * @param what its name, for error messages
     * @return the copy
     */
    static double[][] toMatrix(INDArray a, String what) {
        requireRank(a, 2, what);
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /**
     * Copies a rank-4 array {@code [T, P, H, W]} into a new {@code double[T][P][H][W]}.
     *
     * @param a    the array, rank 4, non-empty
     * @param what its name, for error messages
     * @return the copy
     */
    static double[][][][] toRank4(INDArray a, String what) {
        requireRank(a, 4, what);
        long[] s = a.shape();
        double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        int i = 0;
        for (double[][][] frame : out) {
            for (double[][] plane : frame) {
                for (double[] row : plane) {
                    System.arraycopy(flat, i, row, 0, row.length);
                    i += row.length;
                }
            }
        }
        return out;
    }

    /**
     * Checks that an array has the given rank and no empty axis.
     *
     * @param a    the array
     * @param rank the rank expected
     * @param what its name, for error messages
     */
    static void requireRank(INDArray a, int rank, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (a.rank() != rank || a.length() == 0) {
            throw new IllegalArgumentException(what + " must be a non-empty rank-" + rank + " array, got shape "
                    + Arrays.toString(a.shape()));
        }
    }

    /**
     * Checks that a 2D array is non-empty and rectangular.
     *
     * @param values the array
     * @param what   its name, for error messages
     * @return the same array
     */
    static double[][] requireRectangular(double[][] values, String what) {
        if (values == null || values.length == 0 || values[0] == null || values[0].length == 0) {
            throw new IllegalArgumentException(what + " must be a non-empty 2D array");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r] == null || values[r].length != values[0].length) {
                throw new IllegalArgumentException(what + " must be rectangular: row 0 has " + values[0].length
                        + " entries, row " + r + " has " + (values[r] == null ? "none (null)" : values[r].length));
            }
        }
        return values;
    }
}
