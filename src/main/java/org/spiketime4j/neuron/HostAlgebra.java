package org.spiketime4j.neuron;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * {@link TensorAlgebra} on {@link HostTensor}s: plain Java loops over small arrays, for formulas whose
 * tensors are so small that the cost of calling an ND4J op (10-30 microseconds) dwarfs the arithmetic, such
 * as the time-based losses on a batch of output spikes ({@code org.spiketime4j.loss.FormulaLoss}).
 *
 * <p>Every operation computes in the data type of its inputs, as ND4J's kernels do: on float tensors each
 * result is rounded to float (a double operation on two floats rounded once to float is the float operation,
 * for + - * / and sqrt), and a scalar argument is rounded to the tensor's type first, as ND4J's scalar ops do.
 * Reductions add (or compare) the reduced values one by one in row-major order, rounding after each step.
 * The results equal ND4J's bit for bit ({@code HostAlgebraTest}), except that exp and log in double may
 * differ from ND4J's (libm) in the last bit.
 * Consuming operations and {@code into} write in place when the result has the target's shape and type;
 * {@link #reshape}, {@link #head} and {@link #row} return copies; a {@link TensorAlgebra.Series} copies each
 * row into one stacked tensor. Nothing records gradients.
 */
public enum HostAlgebra implements TensorAlgebra<HostTensor> {

    /** The only instance. */
    INSTANCE;

    private static final DoubleBinaryOperator ADD = (p, q) -> p + q;
    private static final DoubleBinaryOperator SUB = (p, q) -> p - q;
    private static final DoubleBinaryOperator MUL = (p, q) -> p * q;
    private static final DoubleBinaryOperator DIV = (p, q) -> p / q;
    /** ND4J's maximum: the first value when it is greater, else the second. */
    private static final DoubleBinaryOperator MAX = (p, q) -> p > q ? p : q;
    /** ND4J's minimum: the first value when it is smaller, else the second. */
    private static final DoubleBinaryOperator MIN = (p, q) -> p < q ? p : q;

    @Override
    public HostTensor add(HostTensor x, HostTensor y) {
        return binary(x, y, null, ADD);
    }

    @Override
    public HostTensor sub(HostTensor x, HostTensor y) {
        return binary(x, y, null, SUB);
    }

    @Override
    public HostTensor mul(HostTensor x, HostTensor y) {
        return binary(x, y, null, MUL);
    }

    @Override
    public HostTensor div(HostTensor x, HostTensor y) {
        return binary(x, y, null, DIV);
    }

    @Override
    public HostTensor sub(HostTensor x, HostTensor y, HostTensor into) {
        return binary(x, y, into, SUB);
    }

    @Override
    public HostTensor mul(HostTensor x, HostTensor y, HostTensor into) {
        return binary(x, y, into, MUL);
    }

    @Override
    public HostTensor rsub(double c, HostTensor x, HostTensor into) {
        double k = scalar(c, x);
        return unary(x, into, v -> k - v);
    }

    @Override
    public HostTensor add(HostTensor x, double c) {
        double k = scalar(c, x);
        return unary(x, null, v -> v + k);
    }

    @Override
    public HostTensor mul(HostTensor x, double c) {
        double k = scalar(c, x);
        return unary(x, null, v -> v * k);
    }

    @Override
    public HostTensor rsub(double c, HostTensor x) {
        return rsub(c, x, null);
    }

    @Override
    public HostTensor rdiv(double c, HostTensor x) {
        double k = scalar(c, x);
        return unary(x, null, v -> k / v);
    }

    @Override
    public HostTensor addi(HostTensor x, HostTensor y) {
        return binary(x, y, x, ADD);
    }

    @Override
    public HostTensor muli(HostTensor x, HostTensor y) {
        return binary(x, y, x, MUL);
    }

    @Override
    public HostTensor muli(HostTensor x, double c) {
        double k = scalar(c, x);
        return unary(x, x, v -> v * k);
    }

    @Override
    public HostTensor step(HostTensor x) {
        return unary(x, null, v -> v > 0 ? 1 : 0);
    }

    @Override
    public HostTensor stepi(HostTensor x) {
        return unary(x, x, v -> v > 0 ? 1 : 0);
    }

    @Override
    public HostTensor eq(HostTensor x, double c) {
        double k = scalar(c, x);
        return unary(x, null, v -> v == k ? 1 : 0);
    }

    @Override
    public HostTensor max(HostTensor x, HostTensor y) {
        return binary(x, y, null, MAX);
    }

    @Override
    public HostTensor clamp(HostTensor x, double low, double high) {
        return clampInto(x, low, high, null);
    }

    @Override
    public HostTensor clampi(HostTensor x, double low, double high) {
        return clampInto(x, low, high, x);
    }

    /** ND4J's clamp: the maximum with {@code low}, then the minimum with {@code high}, both in x's type. */
    private static HostTensor clampInto(HostTensor x, double low, double high, HostTensor into) {
        double lo = scalar(low, x);
        double hi = scalar(high, x);
        return unary(x, into, v -> MIN.applyAsDouble(MAX.applyAsDouble(v, lo), hi));
    }

    @Override
    public HostTensor sqrt(HostTensor x) {
        return unary(x, null, Math::sqrt);
    }

    @Override
    public HostTensor exp(HostTensor x) {
        return unary(x, null, Math::exp);
    }

    @Override
    public HostTensor log(HostTensor x) {
        return unary(x, null, Math::log);
    }

    @Override
    public HostTensor maxOver(HostTensor x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes, Double.NEGATIVE_INFINITY, MAX, false);
    }

    @Override
    public HostTensor sum(HostTensor x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes, 0.0, ADD, false);
    }

    @Override
    public double scalarValue(HostTensor scalar) {
        if (scalar.length() != 1) {
            throw new IllegalArgumentException("scalar must have one element, got " + scalar.length());
        }
        return scalar.get(0);
    }

    @Override
    public HostTensor mean(HostTensor x, boolean keepDims, int... axes) {
        return reduce(x, keepDims, axes, 0.0, ADD, true);
    }

    @Override
    public HostTensor reshape(HostTensor x, long... shape) {
        long[] out = shape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape: at most one -1 and no other negative size, got "
                        + Arrays.toString(shape));
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0 && known > 0 && x.length() % known == 0) {
            out[unknown] = x.length() / known;
        }
        if (HostTensor.lengthOf(out) != x.length() || unknown >= 0 && out[unknown] < 0) {
            throw new IllegalArgumentException("reshape: cannot view shape " + Arrays.toString(x.shapeRef())
                    + " (" + x.length() + " values) as " + Arrays.toString(shape));
        }
        return new HostTensor(out, x.valuesRef().clone(), x.single());
    }

    @Override
    public HostTensor head(HostTensor x, int axis, long length) {
        long[] in = x.shapeRef();
        if (axis < 0 || axis >= in.length || length < 0 || length > in[axis]) {
            throw new IllegalArgumentException("head: axis " + axis + " and length " + length
                    + " must lie within shape " + Arrays.toString(in));
        }
        long[] out = in.clone();
        out[axis] = length;
        return x.gather(out, HostTensor.strides(in));
    }

    @Override
    public HostTensor row(HostTensor x, long t) {
        long[] in = x.shapeRef();
        if (in.length == 0 || t < 0 || t >= in[0]) {
            throw new IllegalArgumentException("row: index " + t + " must lie within axis 0 of shape "
                    + Arrays.toString(in));
        }
        long[] out = in.clone();
        out[0] = 1;
        int rowLength = HostTensor.lengthOf(out);
        double[] v = Arrays.copyOfRange(x.valuesRef(), (int) t * rowLength, (int) (t + 1) * rowLength);
        return new HostTensor(out, v, x.single());
    }

    @Override
    public HostTensor stopGradient(HostTensor x) {
        return x;
    }

    @Override
    public Series<HostTensor> series(int steps) {
        return new Series<>() {
            private double[] rows;
            private long[] rowShape;
            private boolean single;

            @Override
            public void put(int t, HostTensor value) {
                if (rows == null) {
                    rowShape = value.shapeRef().clone();
                    single = value.single();
                    rows = new double[steps * value.length()];
                }
                if (!Arrays.equals(rowShape, value.shapeRef()) || value.single() != single || t < 0 || t >= steps) {
                    throw new IllegalArgumentException("series: row " + t + " of " + steps + ", " + value
                            + ", expected a row of shape " + Arrays.toString(rowShape) + " in the first row's type");
                }
                System.arraycopy(value.valuesRef(), 0, rows, t * value.length(), value.length());
            }

            @Override
            public HostTensor slot(int t, HostTensor like) {
                return null;
            }

            @Override
            public HostTensor stacked() {
                if (rows == null) {
                    throw new IllegalStateException("empty series: no row was put (expected " + steps + ")");
                }
                long[] shape = rowShape.clone();
                shape[0] = steps;
                return new HostTensor(shape, rows, single);
            }
        };
    }

    /** @return c in x's data type (ND4J rounds a scalar argument to the array's type) */
    private static double scalar(double c, HostTensor x) {
        return x.single() ? (float) c : c;
    }

    private static double round(double v, boolean single) {
        return single ? (float) v : v;
    }

    /** @return {@code into} when it has x's shape and type (it is then overwritten), else a new tensor */
    private static HostTensor target(HostTensor into, long[] shape, boolean single) {
        return into != null && into.single() == single && Arrays.equals(into.shapeRef(), shape) ? into
                : new HostTensor(shape.clone(), new double[HostTensor.lengthOf(shape)], single);
    }

    private static HostTensor unary(HostTensor x, HostTensor into, DoubleUnaryOperator f) {
        boolean single = x.single();
        HostTensor out = target(into, x.shapeRef(), single);
        double[] in = x.valuesRef();
        double[] res = out.valuesRef();
        for (int i = 0; i < in.length; i++) {
            res[i] = round(f.applyAsDouble(in[i]), single);
        }
        return out;
    }

    /** NumPy broadcasting: shapes aligned on the right, each pair of sizes equal or one of them 1. */
    private static HostTensor binary(HostTensor x, HostTensor y, HostTensor into, DoubleBinaryOperator f) {
        long[] xs = x.shapeRef();
        long[] ys = y.shapeRef();
        boolean single = x.single() && y.single();
        double[] xv = x.valuesRef();
        double[] yv = y.valuesRef();
        if (Arrays.equals(xs, ys)) {
            HostTensor out = target(into, xs, single);
            double[] res = out.valuesRef();
            for (int i = 0; i < res.length; i++) {
                res[i] = round(f.applyAsDouble(xv[i], yv[i]), single);
            }
            return out;
        }
        int rank = Math.max(xs.length, ys.length);
        long[] shape = new long[rank];
        for (int a = 0; a < rank; a++) {
            long p = sizeFromRight(xs, rank - 1 - a);
            long q = sizeFromRight(ys, rank - 1 - a);
            if (p != q && p != 1 && q != 1) {
                throw new IllegalArgumentException("cannot broadcast shapes " + Arrays.toString(xs) + " and "
                        + Arrays.toString(ys));
            }
            shape[a] = p == 1 ? q : p;
        }
        HostTensor out = target(into, shape, single);
        double[] res = out.valuesRef();
        HostTensor.Odometer xi = new HostTensor.Odometer(shape, broadcastStrides(xs, shape));
        HostTensor.Odometer yi = new HostTensor.Odometer(shape, broadcastStrides(ys, shape));
        for (int i = 0; i < res.length; i++) {
            res[i] = round(f.applyAsDouble(xv[xi.offset()], yv[yi.offset()]), single);
            xi.next();
            yi.next();
        }
        return out;
    }

    /** @return the size of axis {@code fromRight} counted from the last axis (0), 1 past the first axis */
    private static long sizeFromRight(long[] shape, int fromRight) {
        return fromRight < shape.length ? shape[shape.length - 1 - fromRight] : 1;
    }

    /** @return strides reading a tensor of shape {@code own} over the broadcast shape (0 on a broadcast axis) */
    private static long[] broadcastStrides(long[] own, long[] shape) {
        long[] ownStrides = HostTensor.strides(own);
        long[] s = new long[shape.length];
        for (int a = 0; a < shape.length; a++) {
            int k = a - (shape.length - own.length);
            s[a] = k < 0 || own[k] == 1 ? 0 : ownStrides[k];
        }
        return s;
    }

    /**
     * Folds the values over the given axes (all when none are given) in row-major order, each result rounded
     * to the data type; {@code mean} then divides by the number of values folded.
     */
    private static HostTensor reduce(HostTensor x, boolean keepDims, int[] axes, double start,
                                     DoubleBinaryOperator f, boolean mean) {
        long[] in = x.shapeRef();
        boolean[] reduced = new boolean[in.length];
        for (int axis : axes) {
            int a = axis < 0 ? axis + in.length : axis;
            if (a < 0 || a >= in.length || reduced[a]) {
                throw new IllegalArgumentException("reduction axes " + Arrays.toString(axes)
                        + " must be distinct axes of shape " + Arrays.toString(in));
            }
            reduced[a] = true;
        }
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        }
        long[] kept = in.clone();
        int outRank = 0;
        long count = 1;
        for (int a = 0; a < in.length; a++) {
            if (reduced[a]) {
                count *= in[a];
                kept[a] = 1;
            } else {
                outRank++;
            }
        }
        long[] keptStrides = HostTensor.strides(kept);
        long[] read = new long[in.length];
        for (int a = 0; a < in.length; a++) {
            read[a] = reduced[a] ? 0 : keptStrides[a];
        }
        boolean single = x.single();
        double[] res = new double[HostTensor.lengthOf(kept)];
        Arrays.fill(res, start);
        double[] v = x.valuesRef();
        HostTensor.Odometer to = new HostTensor.Odometer(in, read);
        for (double value : v) {
            int o = to.offset();
            res[o] = round(f.applyAsDouble(res[o], value), single);
            to.next();
        }
        if (mean) {
            double n = count;
            for (int i = 0; i < res.length; i++) {
                res[i] = round(res[i] / n, single);
            }
        }
        long[] shape = keepDims ? kept : new long[outRank];
        if (!keepDims) {
            for (int a = 0, k = 0; a < in.length; a++) {
                if (!reduced[a]) {
                    shape[k++] = in[a];
                }
            }
        }
        return new HostTensor(shape, res, single);
    }
}
