package org.spiketime4j.layers;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.NeuronModel;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * Configuration shared by the spiking weight layers (dense, conv, output): the neuron model (SRM by default),
 * weight standardization, a learnable threshold, and whether the backward pass computes the gradient passed to
 * the layer below ({@link Builder#inputGradient(boolean)}).
 *
 * <p>Parameters (keys of {@link SpikingParamInitializer}): the raw weight {@code W}, the gain
 * {@code gamma} and shift {@code beta} of weight standardization (one per output channel; DL4J
 * treats them as bias parameters, so {@code weightDecayBias(...)}, {@code l2Bias(...)} and
 * {@code biasUpdater(...)} set their own weight decay and updater), and the firing
 * {@code threshold}: saved with the model, given the {@link NoOp} updater and no regularization, so
 * the optimiser never touches it. Before every forward pass gamma is folded into the threshold
 * ({@code threshold /= gamma, beta /= gamma, gamma = 1}).
 */
public abstract class SpikingWeightLayer extends FeedForwardLayer {

    private NeuronModel neuron;
    private double thresholdInit;
    private boolean foldGamma = true;
    private boolean inputGradient = true;
    /** The flat SRM constants of a configuration saved before the neuron-model seam (v0.1.0), until read. */
    private boolean legacyNeuron;
    private int legacyTimeSteps;
    private double legacyTauMemSteps = Double.NaN;
    private double legacyTauSynSteps = Double.NaN;
    private double legacyTauGradSteps = Double.NaN;

    /** For Jackson. */
    protected SpikingWeightLayer() {
    }

    /** @param builder the builder holding the settings */
    protected SpikingWeightLayer(Builder<?> builder) {
        super(builder);
        setNeuron(builder.neuron);
        this.thresholdInit = builder.thresholdInit;
        this.foldGamma = builder.foldGamma;
        this.inputGradient = builder.inputGradient;
        initializeConstraints(builder);
    }

    /**
     * The neuron model, written to JSON with its class name ({@code "neuron" : {"@class" : ...}}). A
     * configuration saved before the neuron-model seam holds the SRM constants as the flat properties
     * {@code timeSteps}, {@code tauMemSteps}, {@code tauSynSteps} and {@code tauGradSteps}: read, they give an
     * {@link SrmNeuron}.
     *
     * @return the neuron model
     * @throws IllegalStateException if the configuration holds no neuron, or both forms
     * @throws IllegalArgumentException if the flat SRM constants are incomplete or out of range
     */
    public NeuronModel getNeuron() {
        if (legacyNeuron) {
            if (neuron != null) {
                throw new IllegalStateException(getLayerName() + ": the configuration holds both \"neuron\" and the"
                        + " flat SRM constants (timeSteps, tauMemSteps, tauSynSteps, tauGradSteps) of v0.1.0");
            }
            neuron = new SrmNeuron(legacyTimeSteps, legacyTauMemSteps, legacyTauSynSteps, legacyTauGradSteps);
            legacyNeuron = false;
        }
        if (neuron == null) {
            throw new IllegalStateException(getLayerName() + ": the configuration holds no neuron");
        }
        return neuron;
    }

    /** @param neuron the neuron model */
    public void setNeuron(NeuronModel neuron) {
        this.neuron = Objects.requireNonNull(neuron, "neuron");
    }

    /** @return number of time steps T, the neuron's */
    @JsonIgnore
    public int getTimeSteps() {
        return getNeuron().timeSteps();
    }

    @JsonProperty("timeSteps")
    private void setLegacyTimeSteps(int v) {
        legacyNeuron = true;
        legacyTimeSteps = v;
    }

    @JsonProperty("tauMemSteps")
    private void setLegacyTauMemSteps(double v) {
        legacyNeuron = true;
        legacyTauMemSteps = v;
    }

    @JsonProperty("tauSynSteps")
    private void setLegacyTauSynSteps(double v) {
        legacyNeuron = true;
        legacyTauSynSteps = v;
    }

    @JsonProperty("tauGradSteps")
    private void setLegacyTauGradSteps(double v) {
        legacyNeuron = true;
        legacyTauGradSteps = v;
    }

    /** @return the threshold every neuron starts with */
    public double getThresholdInit() {
        return thresholdInit;
    }

    /** @param thresholdInit the threshold every neuron starts with (Jackson) */
    public void setThresholdInit(double thresholdInit) {
        this.thresholdInit = thresholdInit;
    }

    /** @return whether gamma is folded into the threshold before every forward pass (the paper's "gamma fixed") */
    public boolean isFoldGamma() {
        return foldGamma;
    }

    /** @param foldGamma whether gamma is folded into the threshold before every forward pass (Jackson) */
    public void setFoldGamma(boolean foldGamma) {
        this.foldGamma = foldGamma;
    }

    /**
     * @return whether the backward pass computes the gradient passed to the layer below (see
     *         {@link Builder#inputGradient(boolean)}); true in a configuration saved without the setting
     */
    public boolean isInputGradient() {
        return inputGradient;
    }

    /** @param inputGradient whether the backward pass computes the gradient passed below (Jackson) */
    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    /**
     * The preprocessor {@code setInputType(...)} puts in front of this layer, wrapped in a
     * {@link NoInputGradientPreProcessor} when the layer computes no input gradient: DL4J passes the layer's null
     * input gradient through that preprocessor, which the stock ones cannot take.
     *
     * @param inputType the input type
     * @return the preprocessor, or null if the input needs none
     */
    @Override
    public final InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        InputPreProcessor p = preProcessorFor(inputType);
        return p == null || inputGradient ? p : new NoInputGradientPreProcessor(p);
    }

    /**
     * @param inputType the input type
     * @return the preprocessor that turns that input into what the layer reads, or null if none is needed
     */
    protected abstract InputPreProcessor preProcessorFor(InputType inputType);

    /** @return the shape of the raw weight, output channel first */
    public abstract long[] weightShape();

    @Override
    public ParamInitializer initializer() {
        return SpikingParamInitializer.INSTANCE;
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (SpikingParamInitializer.THRESHOLD.equals(paramName)) {
            return new NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    /**
     * Checks that the input's time axis (if any) matches the neuron's T.
     *
     * @param inputType the input type
     * @param layerIndex the layer's index, for the message
     */
    protected void checkTimeSteps(InputType inputType, int layerIndex) {
        long steps = SpikeInputType.timeSteps(inputType);
        if (steps >= 0 && steps != getTimeSteps()) {
            throw new IllegalArgumentException(describe(layerIndex) + ": the input has " + steps
                    + " time steps but the layer's neuron has timeSteps=" + getTimeSteps()
                    + " (set .neuron(...) with the same T on every spiking layer)");
        }
    }

    /**
     * @param layerIndex the layer's index, or -1
     * @return "layer 3 (SpikingDense 'name')" for messages
     */
    protected String describe(int layerIndex) {
        String name = getLayerName() == null ? "" : " '" + getLayerName() + "'";
        return (layerIndex >= 0 ? "layer " + layerIndex + " " : "") + "(" + getClass().getSimpleName() + name + ")";
    }

    /**
     * Shared instantiation of the layer implementation.
     *
     * @param impl                the new implementation
     * @param conf                the layer's configuration
     * @param listeners           training listeners
     * @param layerIndex          the layer's index
     * @param layerParamsView     view of the flat parameters
     * @param initializeParams    whether to initialise the parameters
     * @return {@code impl}, ready
     */
    protected org.deeplearning4j.nn.api.Layer wire(org.deeplearning4j.nn.layers.BaseLayer<?> impl,
            NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams) {
        if (getNIn() <= 0 || getNOut() <= 0) {
            throw new IllegalStateException(describe(layerIndex) + ": nIn and nOut must be set (nIn=" + getNIn()
                    + ", nOut=" + getNOut() + "); use setInputType(...) or nIn(...)");
        }
        return LayerWiring.wire(impl, conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    /**
     * A memory report: parameters, updater state, and the [T, K] traces kept for backward.
     *
     * @param inputType  the input type
     * @param outputType the output type
     * @return the report
     */
    protected LayerMemoryReport memoryReport(InputType inputType, InputType outputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long perExample = outputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, 2 * perExample, 0, 6 * perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SpikingWeightLayer that) || !super.equals(o)) {
            return false;
        }
        return getNeuron().equals(that.getNeuron()) && thresholdInit == that.thresholdInit
                && foldGamma == that.foldGamma && inputGradient == that.inputGradient;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), getNeuron(), thresholdInit, foldGamma, inputGradient);
    }

    /**
     * Builder settings shared by the spiking weight layers.
     *
     * @param <T> the concrete builder
     */
    public abstract static class Builder<T extends Builder<T>> extends FeedForwardLayer.Builder<T> {

        private NeuronModel neuron = SrmNeuron.MNIST;
        private double thresholdInit = 1.0;
        private boolean foldGamma = true;
        private boolean inputGradient = true;

        /** Starts with the MNIST neuron, threshold 1 and uniform weight init U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
        protected Builder() {
            weightInit(WeightInit.UNIFORM);
        }

        /**
         * @param neuron the neuron model, T included (default the SRM neuron {@link SrmNeuron#MNIST})
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T neuron(NeuronModel neuron) {
            this.neuron = Objects.requireNonNull(neuron, "neuron");
            return (T) this;
        }

        /**
         * @param fold whether to fold gamma into the threshold before every forward pass (default true: the
         *             paper's learnable threshold with gamma fixed; false keeps gamma as an ordinary trained gain)
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T foldGamma(boolean fold) {
            this.foldGamma = fold;
            return (T) this;
        }

        /**
         * Whether the backward pass computes the gradient passed to the layer below (default true). False is for a
         * layer fed by the network's input, the first layer, where DL4J throws that gradient away: the layer then
         * skips it (for an input with a time axis also the input path of the spike-time sweep and the gradient
         * trace of the forward pass) and returns a null input gradient, DL4J's convention for a layer without
         * one (as {@code EmbeddingLayer}); the parameter gradients are the same. {@code MultiLayerNetwork}'s
         * {@code calculateGradients} and {@code backpropGradient} then return no input gradient (null).
         *
         * <p>{@code net.init()} of a {@code MultiLayerNetwork} refuses it on any layer but layer 0. In a
         * {@code ComputationGraph} it is not checked at init (a layer there knows only its vertex index): use it
         * only on layers fed by a network input; a layer vertex below one fails in the backward pass with
         * DL4J's {@link IllegalStateException} "Cannot do backward pass: all epsilons not set", naming the vertex.
         * A preprocessor added by {@code setInputType(...)} is wrapped to pass the null gradient on
         * ({@link NoInputGradientPreProcessor}); one set by hand with {@code inputPreProcessor(...)} must accept a
         * null gradient (DL4J's stock ones do not).
         *
         * @param compute false to skip the input gradient
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T inputGradient(boolean compute) {
            this.inputGradient = compute;
            return (T) this;
        }

        /**
         * @param threshold the threshold every neuron starts with (before threshold initialisation), &gt; 0
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T thresholdInit(double threshold) {
            if (!(threshold > 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("thresholdInit must be a finite number > 0, got " + threshold);
            }
            this.thresholdInit = threshold;
            return (T) this;
        }
    }


}
