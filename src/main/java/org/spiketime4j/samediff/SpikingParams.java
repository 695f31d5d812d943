package org.spiketime4j.samediff;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of a spiking weight layer in a SameDiff graph, named {@code <name>/W}, {@code <name>/gamma},
 * {@code <name>/beta} and {@code <name>/threshold} as in the DL4J layers: the raw weight W ({@code [out, in]}
 * dense, {@code [C_out, C_in, kh, kw]} conv, no bias), the weight-standardization gain gamma and shift
 * beta ({@code [1, out]}, trainable), and the firing threshold ({@code [1, out]}), a SameDiff
 * <em>constant</em>: it has no gradient, the optimiser never sees it, it is saved with the graph, and
 * {@link ThresholdFoldListener} changes it in place.
 *
 * @param weight    raw weight (trainable variable)
 * @param gamma     gain per output channel (trainable variable)
 * @param beta      shift per output channel (trainable variable)
 * @param threshold threshold per output channel (constant)
 */
public record SpikingParams(SDVariable weight, SDVariable gamma, SDVariable beta, SDVariable threshold) {

    /** Checks that every parameter is there and the threshold is a constant. */
    public SpikingParams {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(gamma, "gamma");
        Objects.requireNonNull(beta, "beta");
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.getVariableType() != VariableType.CONSTANT) {
            throw new IllegalArgumentException("threshold " + threshold.name()
                    + " must be a SameDiff constant (not trained), got " + threshold.getVariableType());
        }
        if (weight.getShape() == null || weight.getShape().length < 2) {
            throw new IllegalArgumentException("weight " + weight.name() + " must have a known shape of rank >= 2, got "
                    + Arrays.toString(weight.getShape()));
        }
    }

    /**
     * Creates the parameters of a layer: W with Xavier-style normal values (the scale does not matter after
     * weight standardization), gamma = 1, beta = 0, the threshold at {@code thresholdInit}.
     *
     * @param sd            the graph
     * @param name          the layer name (prefix of the variable names)
     * @param weightShape   {@code [out, in]} or {@code [C_out, C_in, kh, kw]}
     * @param dataType      the parameters' data type
     * @param thresholdInit the initial threshold, &gt; 0
     * @return the parameters
     */
    public static SpikingParams create(SameDiff sd, String name, long[] weightShape, DataType dataType,
                                       double thresholdInit) {
        if (weightShape.length != 2 && weightShape.length != 4) {
            throw new IllegalArgumentException("weightShape must be [out, in] or [C_out, C_in, kh, kw], got "
                    + Arrays.toString(weightShape));
        }
        if (!(thresholdInit > 0) || Double.isInfinite(thresholdInit)) {
            throw new IllegalArgumentException("thresholdInit must be a finite number > 0, got " + thresholdInit);
        }
        long out = weightShape[0];
        long fanIn = Arrays.stream(weightShape).skip(1).reduce(1, (x, y) -> x * y);
        INDArray w = Nd4j.randn(dataType, weightShape).muli(Math.sqrt(2.0 / (fanIn + out)));
        return of(sd, name, w, Nd4j.ones(dataType, 1, out), Nd4j.zeros(dataType, 1, out),
                Nd4j.valueArrayOf(new long[]{1, out}, thresholdInit, dataType));
    }

    /**
     * Creates the parameters of a layer from given values (copied).
     *
     * @param sd        the graph
     * @param name      the layer name (prefix of the variable names)
     * @param weight    raw weight
     * @param gamma     gain, {@code out} entries
     * @param beta      shift, {@code out} entries
     * @param threshold threshold, {@code out} entries
     * @return the parameters
     */
    public static SpikingParams of(SameDiff sd, String name, INDArray weight, INDArray gamma, INDArray beta,
                                   INDArray threshold) {
        long out = weight.size(0);
        for (INDArray v : new INDArray[]{gamma, beta, threshold}) {
            if (v.length() != out) {
                throw new IllegalArgumentException(name + ": gamma, beta and threshold need " + out
                        + " entries (weight shape " + Arrays.toString(weight.shape()) + "), got shape "
                        + Arrays.toString(v.shape()));
            }
        }
        DataType dt = weight.dataType();
        return new SpikingParams(sd.var(name + "/W", weight.dup('c')),
                sd.var(name + "/gamma", gamma.castTo(dt).reshape(1, out).dup()),
                sd.var(name + "/beta", beta.castTo(dt).reshape(1, out).dup()),
                sd.constant(name + "/threshold", threshold.castTo(dt).reshape(1, out).dup()));
    }

    /** @return the shape of the raw weight */
    public long[] weightShape() {
        return weight.getShape();
    }

    /** @return the number of output channels */
    public long outChannels() {
        return weightShape()[0];
    }
}
