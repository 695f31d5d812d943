package org.spiketime4j.neuron;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small tensor in plain Java memory, the tensor type of {@link HostAlgebra}: a shape, values in row-major
 * (c) order and the data type they stand for, {@link DataType#FLOAT} or {@link DataType#DOUBLE}. Float values
 * are kept in a {@code double[]} but are always float numbers: every operation of {@link HostAlgebra} rounds
 * its result to float, as ND4J's float kernels do. The shape never changes; the values may be overwritten by
 * the consuming operations of {@link HostAlgebra} (see {@link TensorAlgebra}).
 */
public final class HostTensor {

    /**
     * The most values for which the time-based losses evaluate their formula on host tensors
     * ({@link #suits}): a loss's output spikes ({@code [mb, classes, T]}, 2,500 values for the MNIST preset) are
     * far below it, so the evaluation costs microseconds instead of one ND4J op call (10-30 microseconds) for
     * each of the formula's 40-60 operations. Past it, ND4J's multithreaded kernels win.
     */
    public static final int MAX_LENGTH = 100_000;

    private final long[] shape;
    private final double[] values;
    private final boolean single;

    /** Takes the arrays as they are (no copy); {@code values} must already be float numbers when single. */
    HostTensor(long[] shape, double[] values, boolean single) {
        this.shape = shape;
        this.values = values;
        this.single = single;
    }

    /**
     * @param values the values in row-major order (rounded to float for {@link DataType#FLOAT}); copied
     * @param type   {@link DataType#FLOAT} or {@link DataType#DOUBLE}
     * @param shape  the shape, its product the number of values (empty for a scalar)
     * @return a new tensor
     * @throws IllegalArgumentException if the type is neither, or the shape does not fit the values
     */
    public static HostTensor of(double[] values, DataType type, long... shape) {
        boolean single = isSingle(type);
        if (lengthOf(shape) != values.length) {
            throw new IllegalArgumentException("host tensor: shape " + Arrays.toString(shape) + " holds "
                    + lengthOf(shape) + " values, got " + values.length);
        }
        double[] copy = values.clone();
        if (single) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = (float) copy[i];
            }
        }
        return new HostTensor(shape.clone(), copy, single);
    }

    /**
     * Copies an ND4J array into host memory, in row-major order, keeping its data type.
     *
     * @param x a float or double array on the CPU backend, at most {@link Integer#MAX_VALUE} values
     * @return a new tensor of x's shape and values
     * @throws IllegalArgumentException if x is of another data type or not on the CPU backend
     */
    public static HostTensor of(INDArray x) {
        boolean single = isSingle(x.dataType());
        if (!Nd4j.getEnvironment().isCPU()) {
            throw new IllegalArgumentException("host tensor: arrays are read from host memory on the CPU backend "
                    + "only, this backend is not the CPU");
        }
        // a view's buffer starts at the view's first value (its address pointer includes the offset); anything
        // else is copied into a fresh array first
        INDArray c = Nd4jAlgebra.isRowMajorContiguous(x) && x.offset() == x.data().offset() ? x : x.dup('c');
        int n = Math.toIntExact(c.length());
        double[] v = new double[n];
        if (single) {
            float[] f = new float[n];
            new FloatPointer(c.data().addressPointer()).get(f, 0, n);
            for (int i = 0; i < n; i++) {
                v[i] = f[i];
            }
        } else {
            new DoublePointer(c.data().addressPointer()).get(v, 0, n);
        }
        return new HostTensor(c.shape().clone(), v, single);
    }

    /**
     * Whether the time-based losses evaluate an array on the host: the CPU backend, float or double, at most
     * {@link #MAX_LENGTH} values. Elsewhere they keep ND4J ops ({@link Nd4jAlgebra}).
     *
     * @param x an array
     * @return true when host tensors suit it
     */
    public static boolean suits(INDArray x) {
        DataType t = x.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && x.length() <= MAX_LENGTH
                && Nd4j.getEnvironment().isCPU();
    }

    private static boolean isSingle(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("host tensor: data type must be FLOAT or DOUBLE, got " + type);
        }
        return type == DataType.FLOAT;
    }

    static int lengthOf(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("host tensor: negative size in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        return Math.toIntExact(n);
    }

    /**
     * Copies the values into a new ND4J array (on the CPU backend, one native copy into an uninitialized array:
     * a few microseconds where {@code Nd4j.create(float[], ...)} costs 50-70).
     *
     * @return a new ND4J array of this shape, data type and values
     */
    public INDArray toNd4j() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return single ? Nd4j.create(toFloats(), shape, 'c') : Nd4j.create(values.clone(), shape, 'c');
        }
        INDArray out = Nd4j.createUninitialized(dataType(), shape, 'c');
        if (single) {
            new FloatPointer(out.data().addressPointer()).put(toFloats(), 0, values.length);
        } else {
            new DoublePointer(out.data().addressPointer()).put(values, 0, values.length);
        }
        return out;
    }

    private float[] toFloats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /**
     * @param type {@link DataType#FLOAT} or {@link DataType#DOUBLE}
     * @return this tensor when it has that type already, else a new one with the values converted
     */
    public HostTensor castTo(DataType type) {
        return isSingle(type) == single ? this : of(values, type, shape);
    }

    /**
     * @param axes a permutation of {@code 0..rank-1}: axis i of the result is axis {@code axes[i]} of this
     * @return a new tensor with the axes reordered and the values moved with them
     * @throws IllegalArgumentException if {@code axes} is not a permutation
     */
    public HostTensor permute(int... axes) {
        int rank = shape.length;
        boolean[] seen = new boolean[rank];
        for (int a : axes) {
            if (axes.length != rank || a < 0 || a >= rank || seen[a]) {
                throw new IllegalArgumentException("host tensor: " + Arrays.toString(axes)
                        + " is not a permutation of the axes of shape " + Arrays.toString(shape));
            }
            seen[a] = true;
        }
        long[] outShape = new long[rank];
        long[] inStrides = strides(shape);
        long[] readStrides = new long[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[axes[i]];
            readStrides[i] = inStrides[axes[i]];
        }
        return gather(outShape, readStrides);
    }

    /**
     * @param outShape    the shape of the result
     * @param readStrides strides into this tensor's values for each axis of {@code outShape}
     * @return a new tensor of {@code outShape}: its values in row-major order are this tensor's values at the
     *         offsets those strides give
     */
    HostTensor gather(long[] outShape, long[] readStrides) {
        double[] out = new double[lengthOf(outShape)];
        Odometer from = new Odometer(outShape, readStrides);
        for (int i = 0; i < out.length; i++) {
            out[i] = values[from.offset()];
            from.next();
        }
        return new HostTensor(outShape, out, single);
    }

    /** @return the shape (a copy) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of axes */
    public int rank() {
        return shape.length;
    }

    /** @return the number of values */
    public int length() {
        return values.length;
    }

    /** @return {@link DataType#FLOAT} or {@link DataType#DOUBLE} */
    public DataType dataType() {
        return single ? DataType.FLOAT : DataType.DOUBLE;
    }

    /**
     * @param index a position in row-major order
     * @return the value there
     */
    public double get(int index) {
        return values[index];
    }

    /** @return the values in row-major order (a copy) */
    public double[] toDoubleArray() {
        return values.clone();
    }

    /** @return whether no value is NaN or infinite */
    public boolean allFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether every value is exactly 0 or 1 */
    public boolean allZeroOrOne() {
        for (double v : values) {
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    boolean single() {
        return single;
    }

    long[] shapeRef() {
        return shape;
    }

    double[] valuesRef() {
        return values;
    }

    /** @return row-major strides of a shape, in values */
    static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= shape[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape) + " " + dataType();
    }

    /**
     * Walks a shape in row-major order and tracks the matching offset into another tensor read with the given
     * strides (0 on an axis that is broadcast or reduced): one addition per step, no division.
     */
    static final class Odometer {
        private final long[] shape;
        private final long[] strides;
        private final long[] index;
        private int offset;

        Odometer(long[] shape, long[] strides) {
            this.shape = shape;
            this.strides = strides;
            this.index = new long[shape.length];
        }

        int offset() {
            return offset;
        }

        void next() {
            for (int a = shape.length - 1; a >= 0; a--) {
                offset += (int) strides[a];
                if (++index[a] < shape[a]) {
                    return;
                }
                offset -= (int) (strides[a] * shape[a]);
                index[a] = 0;
            }
        }
    }
}
