package org.spiketime4j.neuron;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link TensorAlgebra} on ND4J arrays, evaluated at once. Consuming operations work in place, and a
 * {@link TensorAlgebra.Series} writes every row into one preallocated array, so a time loop allocates
 * only its per-step temporaries. Nothing here records gradients: the DL4J layers call the hand-written
 * backward passes of this package.
 */
public enum Nd4jAlgebra implements TensorAlgebra<INDArray> {

    /** The only instance. */
    INSTANCE;

    @Override
    public INDArray add(INDArray x, INDArray y) {
        return x.add(y);
    }

    @Override
    public INDArray sub(INDArray x, INDArray y) {
        return x.sub(y);
    }

    @Override
    public INDArray mul(INDArray x, INDArray y) {
        return x.mul(y);
    }

    @Override
    public INDArray div(INDArray x, INDArray y) {
        return x.div(y);
    }

    @Override
    public INDArray sub(INDArray x, INDArray y, INDArray into) {
        return into == null ? x.sub(y) : x.sub(y, into);
    }

    @Override
    public INDArray mul(INDArray x, INDArray y, INDArray into) {
        return into == null ? x.mul(y) : x.mul(y, into);
    }

    @Override
    public INDArray rsub(double c, INDArray x, INDArray into) {
        return into == null ? x.rsub(c) : x.rsub(c, into);
    }

    @Override
    public INDArray add(INDArray x, double c) {
        return x.add(c);
    }

    @Override
    public INDArray mul(INDArray x, double c) {
        return x.mul(c);
    }

    @Override
    public INDArray rsub(double c, INDArray x) {
        return x.rsub(c);
    }

    @Override
    public INDArray rdiv(double c, INDArray x) {
        return x.rdiv(c);
    }

    @Override
    public INDArray addi(INDArray x, INDArray y) {
        return x.addi(y);
    }

    @Override
    public INDArray muli(INDArray x, INDArray y) {
        return x.muli(y);
    }

    @Override
    public INDArray muli(INDArray x, double c) {
        return x.muli(c);
    }

    @Override
    public INDArray step(INDArray x) {
        return Transforms.step(x, true);
    }

    @Override
    public INDArray stepi(INDArray x) {
        Nd4j.getExecutioner().exec(new Step(x, x, 0.0));
        return x;
    }

    @Override
    public INDArray eq(INDArray x, double c) {
        return x.eq(c).castTo(x.dataType());
    }

    @Override
    public INDArray max(INDArray x, INDArray y) {
        return Transforms.max(x, y, true);
    }

    @Override
    public INDArray clamp(INDArray x, double low, double high) {
        return Transforms.min(Transforms.max(x, low, true), high, false);
    }

    @Override
    public INDArray clampi(INDArray x, double low, double high) {
        return Transforms.min(Transforms.max(x, low, false), high, false);
    }

    @Override
    public INDArray sqrt(INDArray x) {
        return Transforms.sqrt(x, true);
    }

    @Override
    public INDArray exp(INDArray x) {
        return Transforms.exp(x, true);
    }

    @Override
    public INDArray log(INDArray x) {
        return Transforms.log(x, true);
    }

    @Override
    public INDArray maxOver(INDArray x, boolean keepDims, int... axes) {
        return x.max(keepDims, axes);
    }

    @Override
    public INDArray sum(INDArray x, boolean keepDims, int... axes) {
        return x.sum(keepDims, axes);
    }

    @Override
    public double scalarValue(INDArray scalar) {
        if (scalar.length() != 1) {
            throw new IllegalArgumentException("scalar must have one element, got " + scalar.length());
        }
        return scalar.getDouble(0);
    }

    @Override
    public INDArray mean(INDArray x, boolean keepDims, int... axes) {
        return x.mean(keepDims, axes);
    }

    @Override
    public INDArray reshape(INDArray x, long... shape) {
        return x.reshape('c', shape);
    }

    @Override
    public INDArray head(INDArray x, int axis, long length) {
        return x.size(axis) == length ? x : interval(x, axis, 0, length);
    }

    /**
     * Row t of a time-major array as a view. For a c-contiguous array the view is built straight on the
     * data buffer: {@code getRow} and {@code get(interval)} cost 100-200 microseconds each in ND4J M2.1
     * (they rebuild shape information through the indexing machinery), more than the elementwise op on
     * the row itself, and the recurrence takes several rows per step.
     */
    /**
     * Whether an array's elements lie back to back in row-major order from its offset, judged by the strides
     * of the axes longer than 1 (ND4J's {@code Shape.hasDefaultStridesForShape} also demands particular
     * strides for axes of length 1, and a {@code [1, K]} row may carry either stride 1 or K there).
     *
     * @param x an array
     * @return true when a view of the same buffer with any row-major shape of the same length reads the same
     *         elements in the same order
     */
    static boolean isRowMajorContiguous(INDArray x) {
        long expected = 1;
        for (int axis = x.rank() - 1; axis >= 0; axis--) {
            if (x.size(axis) != 1 && x.stride(axis) != expected) {
                return false;
            }
            expected *= x.size(axis);
        }
        return true;
    }

    @Override
    public INDArray row(INDArray x, long t) {
        if (isRowMajorContiguous(x)) {
            long[] shape = x.shape().clone();
            shape[0] = 1;
            long rowLength = x.length() / x.size(0);
            return Nd4j.create(x.data(), shape, x.stride(), x.offset() + t * rowLength, 'c');
        }
        return x.rank() == 2 ? x.getRow(t, true) : interval(x, 0, t, t + 1);
    }

    private static INDArray interval(INDArray x, int axis, long from, long to) {
        INDArrayIndex[] indexes = new INDArrayIndex[x.rank()];
        Arrays.fill(indexes, NDArrayIndex.all());
        indexes[axis] = NDArrayIndex.interval(from, to);
        return x.get(indexes);
    }

    @Override
    public INDArray stopGradient(INDArray x) {
        return x;
    }

    @Override
    public Series<INDArray> series(int steps) {
        return new Series<>() {
            private INDArray rows;
            private INDArray last;
            private long lastT = -1;

            @Override
            public void put(int t, INDArray value) {
                INDArray row = slot(t, value);
                if (row != value) {
                    row.assign(value);
                }
            }

            @Override
            public INDArray slot(int t, INDArray like) {
                if (rows == null) {
                    long[] shape = like.shape().clone();
                    shape[0] = steps;
                    rows = Nd4j.createUninitialized(like.dataType(), shape);
                }
                if (lastT != t) {                 // one view per row, so that put recognises it
                    last = row(rows, t);
                    lastT = t;
                }
                return last;
            }

            @Override
            public INDArray stacked() {
                if (rows == null) {
                    throw new IllegalStateException("empty series: no row was put (expected " + steps + ")");
                }
                return rows;
            }
        };
    }
}
