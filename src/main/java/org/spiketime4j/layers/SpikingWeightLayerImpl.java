package org.spiketime4j.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.neuron.FiniteCheck;
import org.spiketime4j.neuron.NativeThreads;
import org.spiketime4j.neuron.SpikeTimeBackward;
import org.spiketime4j.neuron.SrmForward;
import org.spiketime4j.neuron.NeuronModel;
import org.spiketime4j.neuron.SrmTrace;
import org.spiketime4j.neuron.WeightStandardization;

/**
 * The DL4J side of a spiking weight layer: parameter fold, weight standardization, layout
 * conversions and gradient plumbing around the maths of {@code org.spiketime4j.neuron}. Subclasses
 * supply the linear map from inputs to currents (matmul or convolution) and its two gradients.
 *
 * <p>Inputs come either with a time axis ({@code [mb, C, T, ...]}) or without one (static: the same
 * current at every step, computed once). Internally the layer works on time-major rows
 * {@code [T*mb, C, ...]} and on {@code [T, K]} matrices for the neuron recurrence.
 *
 * @param <C> the configuration class
 */
public abstract class SpikingWeightLayerImpl<C extends SpikingWeightLayer> extends BaseLayer<C> {

    /**
     * What the forward pass keeps for the backward pass.
     *
     * @param input     the layer input the pass was computed from (identity is the cache key)
     * @param rows      the input as rows: {@code [mb, ...]} when static, else time-major {@code [T*mb, ...]}
     * @param isStatic  whether the input had no time axis
     * @param batch     mb
     * @param standardized the standardized weight used, with the statistics of the raw weight
     * @param outShape  per-sample output shape {@code [C_out, ...]}
     * @param trace     the neuron record, {@code [T, K]}
     */
    protected record ForwardState(INDArray input, INDArray rows, boolean isStatic, long batch,
                                  WeightStandardization.Standardized standardized, long[] outShape, SrmTrace trace) {

        /** @return the standardized weight used */
        public INDArray weightHat() {
            return standardized.weightHat();
        }
    }

    private ForwardState cached;
    private SrmTrace lastTrace;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    protected SpikingWeightLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** @return the per-sample input rank without time axis (1 for dense, 3 for conv) */
    protected abstract int featureRank();

    /**
     * @param rows      input rows {@code [R, features...]}
     * @param weightHat standardized weight
     * @return the currents {@code [R, C_out, ...]}
     */
    protected abstract INDArray current(INDArray rows, INDArray weightHat);

    /**
     * @param rows           input rows {@code [R, features...]}
     * @param weightHat      standardized weight
     * @param gradCurrent    weight-path gradient of the currents {@code [R, C_out, ...]}
     * @return dL/dW_hat, shape of the weight
     */
    protected abstract INDArray weightGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent);

    /**
     * @param rows           input rows {@code [R, features...]}
     * @param weightHat      standardized weight
     * @param gradCurrent    input-path gradient of the currents {@code [R, C_out, ...]}
     * @return dL/dx as rows {@code [R, features...]} (the input-path product, before masking by x)
     */
    protected abstract INDArray inputGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent);

    /**
     * The neuron record of the most recent forward pass, for diagnostics (membrane changes, spike
     * statistics): arrays {@code [T, K]} with K = mb x neurons in (sample, channel, position) order.
     * Valid until the workspace that held that pass is reused; copy what you keep.
     *
     * @return the last trace, or null before the first forward pass
     */
    public SrmTrace lastTrace() {
        return lastTrace;
    }

    /** @return the neuron model */
    protected NeuronModel neuron() {
        return layerConf().getNeuron();
    }

    /**
     * Copies a flat parameter vector in the order of {@link #params()}. DL4J's {@code BaseLayer} reshapes each
     * parameter in 'f' order here, while {@link SpikingParamInitializer} makes 'c' views (as stock
     * {@code ConvolutionLayer} does, which also overrides this): without this override
     * {@code setParams(params())}, TransferLearning and TransferLearningHelper would scramble the weights.
     *
     * @param params the parameters, {@link #numParams()} values in the layout of {@link #params()}
     */
    @Override
    public void setParams(INDArray params) {
        if (params != paramsFlattened) {
            setParams(params, 'c');
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return featureRank() == 1 ? Type.FEED_FORWARD : Type.CONVOLUTIONAL;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        return NativeThreads.forSize(multiplyAdds(), () -> {
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
                ForwardState f = forward(training);
                cached = training ? f : null;
                return outputSpikes(f, f.trace().spikes());
            }
        });
    }

    /**
     * The size of the layer's work on its current input, for {@link NativeThreads}: every input value times the
     * output channels and the kernel area, the multiply-adds of the linear map (of a convolution with unit
     * stride, up to its border).
     *
     * @return the multiply-adds of the current's product
     */
    protected long multiplyAdds() {
        return input.length() * layerConf().getNOut() * kernelArea();
    }

    /** @return the number of weights per input and output channel (1 for dense, kh x kw for conv) */
    protected long kernelArea() {
        return 1;
    }

    /**
     * Folds gamma into the threshold, in place, when the layer folds it
     * ({@link WeightStandardization#foldGammaIntoThreshold}): what every forward pass does first. Once gamma is 1 in
     * every channel (after a fold, until the next update) it writes nothing. A trainer that runs forward passes over
     * one parameter array on several threads at once ({@code org.spiketime4j.train.SplitBatchNetwork}) calls it
     * first, so that those passes only read the parameters.
     */
    public void foldGamma() {
        if (layerConf().isFoldGamma()) {
            WeightStandardization.foldGammaIntoThreshold(getParam(SpikingParamInitializer.THRESHOLD),
                    getParam(SpikingParamInitializer.GAMMA), getParam(SpikingParamInitializer.BETA));
        }
    }

    /**
     * Folds gamma into the threshold and runs the layer on its current input.
     *
     * @param training whether to keep what the backward pass needs
     * @return the forward state
     */
    protected ForwardState forward(boolean training) {
        foldGamma();
        INDArray threshold = getParam(SpikingParamInitializer.THRESHOLD);
        WeightStandardization.Standardized weight = WeightStandardization.standardize(
                getParam(SpikingParamInitializer.WEIGHT), getParam(SpikingParamInitializer.GAMMA),
                getParam(SpikingParamInitializer.BETA));
        return forward(input, weight, threshold, training);
    }

    /**
     * Runs the layer with given weights and thresholds (used by threshold initialisation too).
     *
     * @param in        the layer input
     * @param weight    the standardized weight
     * @param threshold the threshold per channel
     * @param training  whether to keep the gradient trace
     * @return the forward state
     */
    protected ForwardState forward(INDArray in, WeightStandardization.Standardized weight, INDArray threshold,
                                   boolean training) {
        NeuronModel neuron = neuron();
        boolean isStatic = checkInput(in);
        long batch = in.size(0);
        INDArray rows;
        if (isStatic) {
            rows = in.castTo(dataType);
        } else {
            INDArray timeMajor = SpikeLayout.toTimeMajor(in.castTo(dataType));
            long[] shape = Arrays.copyOfRange(timeMajor.shape(), 1, timeMajor.rank());
            shape[0] = neuron.timeSteps() * batch;
            rows = timeMajor.reshape('c', shape);
        }
        requireFinite(rows, in);
        INDArray cur = current(rows, weight.weightHat());
        long[] outShape = Arrays.copyOfRange(cur.shape(), 1, cur.rank());
        long perSample = cur.length() / cur.size(0);
        long spatial = perSample / outShape[0];
        INDArray curK = cur.reshape('c', isStatic ? 1 : neuron.timeSteps(), batch * perSample);
        // g feeds only the gradient passed below the layer: a static input (data) gets none, nor a layer that
        // computes no input gradient
        SrmTrace trace = SrmForward.run(neuron, curK, threshold, spatial,
                training && !isStatic && layerConf().isInputGradient());
        lastTrace = trace;
        return new ForwardState(in, rows, isStatic, batch, weight, outShape, trace);
    }

    /**
     * Runs the layer on an input with its standardization gain gamma multiplied by {@code gainScale}
     * (gamma already folded if the layer folds it), without changing the layer's state. Used by
     * threshold initialisation.
     *
     * @param layerInput the layer's input
     * @param gainScale  the factor applied to gamma, &gt; 0
     * @return spikes in the layer's spike layout {@code [mb, C_out, T, ...]}
     */
    public INDArray spikesWithGain(INDArray layerInput, double gainScale) {
        foldGamma();
        INDArray threshold = getParam(SpikingParamInitializer.THRESHOLD);
        INDArray gamma = getParam(SpikingParamInitializer.GAMMA);
        WeightStandardization.Standardized weight = WeightStandardization.standardize(
                getParam(SpikingParamInitializer.WEIGHT), gamma.mul(gainScale), getParam(SpikingParamInitializer.BETA));
        ForwardState f = forward(layerInput, weight, threshold, false);
        return outputSpikes(f, f.trace().spikes());
    }

    /**
     * @param f      a forward state
     * @param spikes spikes {@code [T, K]} of that state
     * @return the spikes in the layer's output layout {@code [mb, C_out, T, ...]}
     */
    protected INDArray outputSpikes(ForwardState f, INDArray spikes) {
        long[] tm = SpikeLayout.withSteps(neuron().timeSteps(), prepend(f.batch(), f.outShape()));
        return SpikeLayout.toBatchFirst(spikes.reshape('c', tm));
    }

    /**
     * @param f a forward state
     * @param batchFirst an array in the output layout {@code [mb, C_out, T, ...]}
     * @return the same values as a time-major {@code [T, K]} matrix
     */
    protected INDArray timeMajorK(ForwardState f, INDArray batchFirst) {
        long[] withT = new long[f.outShape().length + 2];
        withT[0] = f.batch();
        withT[1] = f.outShape()[0];
        withT[2] = neuron().timeSteps();
        System.arraycopy(f.outShape(), 1, withT, 3, f.outShape().length - 1);
        if (!Arrays.equals(batchFirst.shape(), withT)) {
            throw new IllegalArgumentException(layerConf().describe(index) + ": gradient must be "
                    + Arrays.toString(withT) + ", got " + Arrays.toString(batchFirst.shape()));
        }
        INDArray tm = SpikeLayout.toTimeMajor(batchFirst.castTo(dataType));
        return tm.reshape('c', neuron().timeSteps(), tm.length() / neuron().timeSteps());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        LayerWiring.requireGradient(epsilon, () -> layerConf().describe(index));
        return NativeThreads.forSize(multiplyAdds(), () -> {
            ForwardState f = trainingForward();
            return backward(f, f.trace(), timeMajorK(f, epsilon), workspaceMgr);
        });
    }

    /**
     * The forward state for a backward pass: the one the last training-mode {@link #activate} kept, when it was
     * computed from the current input, else a new pass. Taken once: a second backward pass recomputes.
     *
     * @return the forward state of the current input, with its gradient trace
     */
    protected ForwardState trainingForward() {
        ForwardState f = cached != null && cached.input() == input ? cached : forward(true);
        cached = null;
        return f;
    }

    /**
     * The spike-time backward pass: sweep, weight and input gradients, then weight standardization.
     *
     * <p>Between layers the gradient is dL/ds, with respect to the spike values, as between any DL4J layers: what
     * a stock layer reading spikes returns, and what a stock layer below receives. The spike-time maths reads
     * dL/dt = -dL/ds ({@link org.spiketime4j.loss.RateToTime}). The sweep and the products below are linear in the
     * gradient, so they run on dL/ds as given and every result comes out negated: the weight gradient (the size
     * of W, the cheapest place) and a static input's gradient are negated back, and the input path of spikes is
     * then -dL/dt of the input spikes, i.e. their dL/ds, what the layer below reads. Negation commutes with IEEE
     * rounding, so the numbers are those of the spike-time formulas exactly.
     *
     * @param f            the forward state
     * @param trace        the trace to differentiate (the output layer passes one with supervisory spikes)
     * @param gradValues   dL/ds at the output, {@code [T, K]}
     * @param workspaceMgr the workspace manager
     * @return the parameter gradients and dL/ds (or dL/dx for a static input) in the input's layout, or null for
     *         a layer configured with {@code inputGradient(false)}
     */
    protected Pair<Gradient, INDArray> backward(ForwardState f, SrmTrace trace, INDArray gradValues,
                                                LayerWorkspaceMgr workspaceMgr) {
        NeuronModel neuron = neuron();
        long steps = neuron.timeSteps();
        long[] rowShape = prepend(steps * f.batch(), f.outShape());
        SpikeTimeBackward.CurrentGradients g = null;
        INDArray gw;
        if (f.isStatic()) {
            // a static input is a current, not spikes: its one current gets the weight-path gradient summed over
            // the steps, which also gives the gradient passed below it (staticInputGradient)
            gw = SpikeTimeBackward.weightPathOverSteps(neuron, trace, gradValues)
                    .reshape('c', prepend(f.batch(), f.outShape()));
        } else {
            g = SpikeTimeBackward.sweep(neuron, trace, gradValues, layerConf().isInputGradient());
            gw = g.weightPath().reshape('c', rowShape);
        }
        INDArray gradWHat = weightGradient(f.rows(), f.weightHat(), gw).negi();

        WeightStandardization.Gradients wg = WeightStandardization.backward(f.standardized(),
                getParam(SpikingParamInitializer.GAMMA), gradWHat);
        gradientViews.get(SpikingParamInitializer.WEIGHT).assign(wg.weight());
        gradientViews.get(SpikingParamInitializer.GAMMA).assign(wg.gamma().reshape(1, wg.gamma().length()));
        gradientViews.get(SpikingParamInitializer.BETA).assign(wg.beta().reshape(1, wg.beta().length()));
        gradientViews.get(SpikingParamInitializer.THRESHOLD).assign(0.0);
        Gradient grad = new DefaultGradient(gradientsFlattened);
        for (String k : new String[]{SpikingParamInitializer.WEIGHT, SpikingParamInitializer.GAMMA,
                SpikingParamInitializer.BETA, SpikingParamInitializer.THRESHOLD}) {
            grad.gradientForVariable().put(k, gradientViews.get(k));
        }

        if (!layerConf().isInputGradient()) {
            return new Pair<>(grad, null);
        }
        if (f.isStatic()) {
            return new Pair<>(grad, staticInputGradient(f, gw, workspaceMgr));
        }
        INDArray gin = g.inputPath().reshape('c', rowShape);
        // computed in the activation-gradient workspace, so that the result stays a view of the time-major
        // rows (leverageTo would copy it to a batch-first buffer, and the layer below would copy it back)
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray dxRows = inputGradient(f.rows(), f.weightHat(), gin).muli(f.rows());
            long[] tm = SpikeLayout.withSteps(steps, prepend(f.batch(), Arrays.copyOfRange(f.rows().shape(), 1,
                    f.rows().rank())));
            return new Pair<>(grad, SpikeLayout.toBatchFirst(dxRows.reshape('c', tm)).castTo(input.dataType()));
        }
    }

    /**
     * The gradient of a static input (no time axis), which is the current at every step: the weight path's
     * gradient of the current summed over time, through the transposed linear map, {@code dL/dx = sum_t Gw[t] W_hat}
     * (the same approximation as the weight gradient {@code dL/dW_hat = sum_t Gw[t]^T x}). It lets stock layers
     * and preprocessors sit below a spiking layer fed with values.
     *
     * @param f            the forward state of a static input
     * @param gradCurrent  the weight path summed over the steps, {@code [mb, C_out, ...]}, negated (computed
     *                     from dL/ds, see {@link #backward})
     * @param workspaceMgr the workspace manager
     * @return dL/dx in the input's shape and data type
     */
    private INDArray staticInputGradient(ForwardState f, INDArray gradCurrent, LayerWorkspaceMgr workspaceMgr) {
        INDArray dx = inputGradient(f.rows(), f.weightHat(), gradCurrent).negi().castTo(input.dataType());
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx.reshape(input.shape()));
    }

    private static long[] prepend(long first, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    /**
     * Validates the input and tells whether it is static.
     *
     * @param in the input
     * @return true for a static input (rank = 1 + featureRank), false for one with a time axis
     * @throws IllegalArgumentException for a wrong rank, size or empty batch
     */
    protected boolean checkInput(INDArray in) {
        int fr = featureRank();
        boolean isStatic = in.rank() == fr + 1;
        if (!isStatic && in.rank() != fr + 2) {
            throw badInput("input must be rank " + (fr + 1) + " (static) or " + (fr + 2)
                    + " (with time axis [mb, C, T, ...]), got shape " + Arrays.toString(in.shape()));
        }
        if (in.size(0) == 0) {
            throw badInput("empty batch, input shape " + Arrays.toString(in.shape()));
        }
        if (in.size(1) != layerConf().getNIn()) {
            throw badInput("input has " + in.size(1) + " channels/features, nIn is "
                    + layerConf().getNIn() + " (input shape " + Arrays.toString(in.shape()) + ")");
        }
        if (!isStatic && in.size(2) != neuron().timeSteps()) {
            throw badInput("input has " + in.size(2) + " time steps (axis 2), the neuron has T="
                    + neuron().timeSteps() + " (input shape " + Arrays.toString(in.shape()) + ")");
        }
        return isStatic;
    }

    /** An input error, its message prefixed with the layer (built only when an input is refused). */
    private IllegalArgumentException badInput(String message) {
        return new IllegalArgumentException(layerConf().describe(index) + ": " + message);
    }

    /**
     * @param rows the input as contiguous rows (the check reads them once; slow on strided views)
     * @param in   the input as given, for the message
     * @throws IllegalArgumentException if the input holds NaN or infinite values
     */
    private void requireFinite(INDArray rows, INDArray in) {
        if (!FiniteCheck.allFinite(rows)) {
            throw new IllegalArgumentException(layerConf().describe(index) + ": input contains NaN or infinite "
                    + "values (shape " + Arrays.toString(in.shape()) + ")");
        }
    }

    @Override
    public void clear() {
        super.clear();
        cached = null;
        lastTrace = null;
    }
}
