package org.spiketime4j.samediff;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.function.BinaryOperator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.spiketime4j.neuron.AdjustedAveragePooling;
import org.spiketime4j.neuron.Readout;
import org.spiketime4j.neuron.SpikeTimeBackward;
import org.spiketime4j.neuron.SrmForward;
import org.spiketime4j.neuron.NeuronModel;
import org.spiketime4j.neuron.SupervisorySpike;
import org.spiketime4j.neuron.WeightStandardization;

/**
 * The spiking ops for SameDiff graphs: dense and conv layers of SRM neurons with weight standardization,
 * adjusted average pooling, flattening and the readout. Every op computes its forward pass with the
 * formulas of {@code org.spiketime4j.neuron} and attaches the spike-time gradient of ALGORITHM.md with
 * a stop-gradient construction (see the package documentation).
 *
 * <p>Example: {@code DocExamplesTest#spikeTimeLosses}.
 */
public final class SpikingOps {

    private SpikingOps() {
    }

    /**
     * The weight-standardized weight W_hat of a layer (gradients flow to W, gamma and beta by the chain rule).
     *
     * @param sd     the graph
     * @param params the layer's parameters
     * @return W_hat, shape of the raw weight
     */
    public static SDVariable standardizedWeight(SameDiff sd, SpikingParams params) {
        return WeightStandardization.forward(new SameDiffAlgebra(sd), params.weight(), params.weightShape(),
                params.gamma(), params.beta());
    }

    /**
     * A dense layer of spiking neurons: {@code I[t] = W_hat x[t]}, the recurrence, the spike-time gradient.
     *
     * @param sd     the graph
     * @param neuron the neuron model
     * @param input  spike trains {@code [mb, nIn, T]} or a static input {@code [mb, nIn]}
     * @param params parameters with W {@code [nOut, nIn]}
     * @param labels null for a hidden layer; one-hot labels {@code [mb, nOut]} to add the supervisory spike
     *               of an output layer in training
     * @return the layer's spikes {@code [mb, nOut, T]} and diagnostics
     */
    public static SpikeLayer dense(SameDiff sd, NeuronModel neuron, SpikeVariable input, SpikingParams params,
                                   SDVariable labels) {
        long[] w = params.weightShape();
        if (input.isMaps() || w.length != 2 || w[1] != input.channels()) {
            throw new IllegalArgumentException("dense " + params.weight().name() + ": weight " + Arrays.toString(w)
                    + " needs spike trains with " + (w.length == 2 ? w[1] : "?") + " features, got " + input);
        }
        return weightLayer(sd, neuron, input, params, new long[]{w[0]}, labels,
                (rows, weightHat) -> rows.mmul(weightHat.permute(1, 0)));
    }

    /**
     * A conv layer of spiking neurons (no bias, dilation 1): {@code I[t] = W_hat * x[t]} for every step.
     *
     * @param sd      the graph
     * @param neuron  the neuron model
     * @param input   spike maps {@code [mb, C_in, T, H, W]} or a static input {@code [mb, C_in, H, W]}
     * @param params  parameters with W {@code [C_out, C_in, kh, kw]}
     * @param stride  the stride, &gt;= 1
     * @param padding the zero padding on each side, &gt;= 0
     * @return the layer's spikes {@code [mb, C_out, T, H', W']} and diagnostics
     */
    public static SpikeLayer conv2d(SameDiff sd, NeuronModel neuron, SpikeVariable input, SpikingParams params,
                                    int stride, int padding) {
        long[] w = params.weightShape();
        if (!input.isMaps() || w.length != 4 || w[1] != input.channels()) {
            throw new IllegalArgumentException("conv2d " + params.weight().name() + ": weight " + Arrays.toString(w)
                    + " needs spike maps with " + (w.length == 4 ? w[1] : "?") + " channels, got " + input);
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d " + params.weight().name() + ": stride must be >= 1 and padding"
                    + " >= 0, got stride " + stride + ", padding " + padding);
        }
        long[] in = input.sampleShape();
        long oh = (in[1] + 2L * padding - w[2]) / stride + 1;
        long ow = (in[2] + 2L * padding - w[3]) / stride + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("conv2d " + params.weight().name() + ": kernel " + w[2] + "x" + w[3]
                    + " does not fit input maps " + Arrays.toString(in) + " with padding " + padding);
        }
        // weights go in as [kh, kw, C_in, C_out]: M2.1's conv2d gradient drops any other weightsFormat
        Conv2DConfig cfg = Conv2DConfig.builder().kH(w[2]).kW(w[3]).sH(stride).sW(stride).pH(padding).pW(padding)
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.YXIO).build();
        return weightLayer(sd, neuron, input, params, new long[]{w[0], oh, ow}, null,
                (rows, weightHat) -> sd.cnn().conv2d(rows, weightHat.permute(2, 3, 1, 0), cfg));
    }

    /**
     * Average pooling of spike maps over k x k windows (stride k) with the spike-count-adjusted backward.
     *
     * @param sd     the graph
     * @param input  spike maps {@code [mb, C, T, H, W]}
     * @param kernel k
     * @return pooled maps {@code [mb, C, T, H/k, W/k]}
     */
    public static SpikeVariable pool(SameDiff sd, SpikeVariable input, int kernel) {
        if (!input.isMaps() || input.isStatic()) {
            throw new IllegalArgumentException("pool: input must be spike maps [mb, C, T, H, W], got " + input);
        }
        long[] s = input.sampleShape();
        SameDiffAlgebra a = new SameDiffAlgebra(sd);
        long[] mapShape = {-1, s[1], s[2]};
        SDVariable maps = input.value().reshape(mapShape);
        SDVariable counts = AdjustedAveragePooling.windowSums(a, maps, mapShape, kernel);
        SDVariable pooled = a.stopGradient(counts.mul(1.0 / ((double) kernel * kernel)));
        SDVariable carrier = a.stopGradient(AdjustedAveragePooling.perSpikeFactor(a, a.stopGradient(counts)))
                .mul(counts);
        long oh = s[1] / kernel;
        long ow = s[2] / kernel;
        SDVariable out = withGradient(a, pooled, carrier);
        return SpikeVariable.timed(out.reshape(-1, s[0], input.timeSteps(), oh, ow), input.timeSteps(), s[0], oh, ow);
    }

    /**
     * Flattens spike maps {@code [mb, C, T, H, W]} into spike trains {@code [mb, C*H*W, T]} (features in
     * C, H, W order, as the DL4J preprocessor does).
     *
     * @param maps spike maps
     * @return spike trains
     */
    public static SpikeVariable flatten(SpikeVariable maps) {
        if (!maps.isMaps() || maps.isStatic()) {
            throw new IllegalArgumentException("flatten: input must be spike maps [mb, C, T, H, W], got " + maps);
        }
        long[] s = maps.sampleShape();
        long features = s[0] * s[1] * s[2];
        return SpikeVariable.timed(maps.value().permute(0, 1, 3, 4, 2).reshape(-1, features, maps.timeSteps()),
                maps.timeSteps(), features);
    }

    /**
     * The readout scores {@code sum_t s[t] (1.1 - t/(10T))} of output spikes (no gradient).
     *
     * @param sd     the graph
     * @param spikes output spikes {@code [mb, C, T]}
     * @return scores {@code [mb, C]}
     */
    public static SDVariable readout(SameDiff sd, SpikeVariable spikes) {
        if (spikes.isMaps() || spikes.isStatic()) {
            throw new IllegalArgumentException("readout: spikes must be spike trains [mb, C, T], got " + spikes);
        }
        SameDiffAlgebra a = new SameDiffAlgebra(sd);
        return Readout.scores(a, spikes.timeSteps(), a.stopGradient(spikes.value().permute(2, 0, 1)))
                .reshape(-1, spikes.channels());
    }

    /**
     * The shared core of dense and conv layers.
     *
     * <p>Forward values: the recurrence on the current {@code I = W_hat x}. Gradient carrier, built from the
     * same recurrence replayed on the final spikes (so the supervisory spike resets like a spike):
     * {@code L = -sg(s a) u(I_w) + sg(s b) (-g(I_in))}, where {@code I_w = W_hat sg(x)} reaches only the weights
     * and {@code I_in = sg(W_hat) x_in} with {@code x_in = x + (sg(x) x - sg(x x))} (value x, derivative sg(x))
     * reaches only the input. Output {@code sg(s) + (L - sg(L))}: exactly s forward. Backward, the gradient
     * arriving at s is dL/ds, as between all layers (what stock ops on spikes give; the time-based losses hand
     * dL/ds = -dL/dt); from it, {@code dW_hat = sum Gw x} and {@code dL/ds_in = -x (W_hat^T Gin)}, with Gw, Gin of
     * {@link SpikeTimeBackward} for dL/dt = -dL/ds (hence the minus on the weight term).
     */
    private static SpikeLayer weightLayer(SameDiff sd, NeuronModel neuron, SpikeVariable input, SpikingParams params,
                                          long[] outSample, SDVariable labels, BinaryOperator<SDVariable> linear) {
        SameDiffAlgebra a = new SameDiffAlgebra(sd);
        int steps = neuron.timeSteps();
        if (!input.isStatic() && input.timeSteps() != steps) {
            throw new IllegalArgumentException(params.weight().name() + ": input has T=" + input.timeSteps()
                    + " steps, the neuron has T=" + steps);
        }
        long[] inSample = input.sampleShape();
        SDVariable rows = input.isStatic() ? input.value() : timeMajorRows(input.value(), inSample);
        SDVariable weightHat = standardizedWeight(sd, params);
        long[] unit = new long[outSample.length + 2];
        Arrays.fill(unit, 1);
        unit[2] = outSample[0];
        SDVariable threshold = params.threshold().reshape(unit);

        SDVariable current = toSteps(linear.apply(a.stopGradient(rows), weightHat), input.isStatic() ? 1 : steps,
                outSample);
        SDVariable values = a.stopGradient(current);
        SrmForward.History<SDVariable> h = SrmForward.run(a, neuron,
                new SrmForward.Drive<>(values, values, input.isStatic(), threshold, null),
                EnumSet.of(SrmForward.Keep.GRAD_TRACE));
        SDVariable spikes = h.spikes();
        if (labels != null) {
            SDVariable onLabel = a.stopGradient(labels.castTo(spikes.dataType()).reshape(1, -1, outSample[0]));
            spikes = a.stopGradient(SupervisorySpike.apply(a, steps, spikes, h.deltaU(), onLabel));
        }

        // as in the DL4J layers, a static input is data (an image used as current): no gradient goes below it
        boolean inputGradient = !input.isStatic() && input.value().getVariableType() != VariableType.PLACEHOLDER
                && input.value().getVariableType() != VariableType.CONSTANT;
        SDVariable inputCurrent = null;
        if (inputGradient) {
            SDVariable x = a.stopGradient(rows);
            SDVariable xIn = x.add(x.mul(rows).sub(a.stopGradient(rows.mul(rows))));
            inputCurrent = toSteps(linear.apply(xIn, a.stopGradient(weightHat)), input.isStatic() ? 1 : steps,
                    outSample);
        }
        SrmForward.History<SDVariable> replay = SrmForward.run(a, neuron,
                new SrmForward.Drive<>(current, inputCurrent, input.isStatic(), null, spikes),
                inputGradient ? EnumSet.of(SrmForward.Keep.POTENTIAL, SrmForward.Keep.GRAD_TRACE)
                        : EnumSet.of(SrmForward.Keep.POTENTIAL));
        SDVariable carrier = a.stopGradient(spikes.mul(neuron.weightPathFactor(a, h.deltaU())).neg())
                .mul(replay.potential());
        if (inputGradient) {
            SDVariable b = a.stopGradient(spikes.mul(neuron.inputPathFactor(a, h.gradTrace())).neg());
            carrier = carrier.add(b.mul(replay.gradTrace()));
        }
        SDVariable out = withGradient(a, spikes, carrier);
        return new SpikeLayer(SpikeVariable.timed(toBatchFirst(out, outSample.length), steps, outSample),
                SpikeVariable.timed(toBatchFirst(h.spikes(), outSample.length), steps, outSample), h.deltaU(),
                h.gradTrace());
    }

    /** {@code sg(value) + (carrier - sg(carrier))}: the value forward (exactly), the carrier's gradient backward. */
    static SDVariable withGradient(SameDiffAlgebra a, SDVariable value, SDVariable carrier) {
        return a.stopGradient(value).add(carrier.sub(a.stopGradient(carrier)));
    }

    /** {@code [mb, C, T, rest...]} to time-major rows {@code [T*mb, C, rest...]}. */
    private static SDVariable timeMajorRows(SDVariable batchFirst, long[] sample) {
        SDVariable tm = sample.length == 1 ? batchFirst.permute(2, 0, 1) : batchFirst.permute(2, 0, 1, 3, 4);
        long[] shape = new long[sample.length + 1];
        shape[0] = -1;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return tm.reshape(shape);
    }

    /** Currents as rows {@code [R, C, rest...]} to {@code [steps, mb, C, rest...]}. */
    private static SDVariable toSteps(SDVariable rows, long steps, long[] sample) {
        long[] shape = new long[sample.length + 2];
        shape[0] = steps;
        shape[1] = -1;
        System.arraycopy(sample, 0, shape, 2, sample.length);
        return rows.reshape(shape);
    }

    /** {@code [T, mb, C, rest...]} to {@code [mb, C, T, rest...]}. */
    private static SDVariable toBatchFirst(SDVariable timeMajor, int sampleRank) {
        return sampleRank == 1 ? timeMajor.permute(1, 2, 0) : timeMajor.permute(1, 2, 0, 3, 4);
    }
}
