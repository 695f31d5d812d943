package org.spiketime4j.samediff;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * {@link TensorAlgebra} that builds SameDiff graph nodes: every operation adds ops to one {@link SameDiff}
 * instance and returns their output variable, consuming operations included (a graph has no in-place
 * writes). {@code step}, {@code eq} and {@code stopGradient} have no gradient; all other operations are
 * differentiated by SameDiff's automatic differentiation.
 */
public final class SameDiffAlgebra implements TensorAlgebra<SDVariable> {

    private final SameDiff sd;

    /**
     * @param sd the graph the operations are added to
     */
    public SameDiffAlgebra(SameDiff sd) {
        this.sd = Objects.requireNonNull(sd, "sd");
    }

    /** @return the graph the operations are added to */
    public SameDiff sameDiff() {
        return sd;
    }

    @Override
    public SDVariable add(SDVariable x, SDVariable y) {
        return x.add(y);
    }

    @Override
    public SDVariable sub(SDVariable x, SDVariable y) {
        return x.sub(y);
    }

    @Override
    public SDVariable mul(SDVariable x, SDVariable y) {
        return x.mul(y);
    }

    @Override
    public SDVariable div(SDVariable x, SDVariable y) {
        return x.div(y);
    }

    @Override
    public SDVariable sub(SDVariable x, SDVariable y, SDVariable into) {
        return x.sub(y);
    }

    @Override
    public SDVariable mul(SDVariable x, SDVariable y, SDVariable into) {
        return x.mul(y);
    }

    @Override
    public SDVariable rsub(double c, SDVariable x, SDVariable into) {
        return x.rsub(c);
    }

    @Override
    public SDVariable add(SDVariable x, double c) {
        return x.add(c);
    }

    @Override
    public SDVariable mul(SDVariable x, double c) {
        return x.mul(c);
    }

    @Override
    public SDVariable rsub(double c, SDVariable x) {
        return x.rsub(c);
    }

    @Override
    public SDVariable rdiv(double c, SDVariable x) {
        return x.rdiv(c);
    }

    @Override
    public SDVariable addi(SDVariable x, SDVariable y) {
        return x.add(y);
    }

    @Override
    public SDVariable muli(SDVariable x, SDVariable y) {
        return x.mul(y);
    }

    @Override
    public SDVariable muli(SDVariable x, double c) {
        return x.mul(c);
    }

    @Override
    public SDVariable step(SDVariable x) {
        return stopGradient(sd.math().step(x, 0.0));
    }

    @Override
    public SDVariable stepi(SDVariable x) {
        return step(x);
    }

    @Override
    public SDVariable eq(SDVariable x, double c) {
        return stopGradient(x.eq(c).castTo(x.dataType()));
    }

    @Override
    public SDVariable max(SDVariable x, SDVariable y) {
        return sd.math().max(x, y);
    }

    @Override
    public SDVariable clamp(SDVariable x, double low, double high) {
        return sd.math().clipByValue(x, low, high);
    }

    @Override
    public SDVariable clampi(SDVariable x, double low, double high) {
        return clamp(x, low, high);
    }

    @Override
    public SDVariable sqrt(SDVariable x) {
        return sd.math().sqrt(x);
    }

    @Override
    public SDVariable exp(SDVariable x) {
        return sd.math().exp(x);
    }

    @Override
    public SDVariable log(SDVariable x) {
        return sd.math().log(x);
    }

    @Override
    public SDVariable maxOver(SDVariable x, boolean keepDims, int... axes) {
        return x.max(keepDims, axes);
    }

    @Override
    public SDVariable sum(SDVariable x, boolean keepDims, int... axes) {
        return x.sum(keepDims, axes);
    }

    /** @throws UnsupportedOperationException always: a SameDiff variable has a value only when the graph runs */
    @Override
    public double scalarValue(SDVariable scalar) {
        throw new UnsupportedOperationException("SameDiff variables hold no values while the graph is built; a batch "
                + "computed in parts (BatchParts) runs on ND4J or host arrays only");
    }

    @Override
    public SDVariable mean(SDVariable x, boolean keepDims, int... axes) {
        return x.mean(keepDims, axes);
    }

    @Override
    public SDVariable reshape(SDVariable x, long... shape) {
        return x.reshape(shape);
    }

    @Override
    public SDVariable head(SDVariable x, int axis, long length) {
        SDIndex[] idx = new SDIndex[axis + 1];
        Arrays.fill(idx, SDIndex.all());
        idx[axis] = SDIndex.interval(0L, length);
        return x.get(idx);
    }

    @Override
    public SDVariable row(SDVariable x, long t) {
        return x.get(SDIndex.interval(t, t + 1));
    }

    @Override
    public SDVariable stopGradient(SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    @Override
    public Series<SDVariable> series(int steps) {
        return new Series<>() {
            private final SDVariable[] rows = new SDVariable[steps];

            @Override
            public void put(int t, SDVariable value) {
                rows[t] = value;
            }

            @Override
            public SDVariable slot(int t, SDVariable like) {
                return null;
            }

            @Override
            public SDVariable stacked() {
                long missing = Arrays.stream(rows).filter(Objects::isNull).count();
                if (missing > 0) {
                    throw new IllegalStateException(missing + " of " + steps + " rows were never put");
                }
                return steps == 1 ? rows[0] : sd.concat(0, rows);
            }
        };
    }
}
