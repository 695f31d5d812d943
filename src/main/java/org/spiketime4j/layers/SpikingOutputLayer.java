package org.spiketime4j.layers;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.spiketime4j.loss.RateToTimeLoss;
import org.spiketime4j.loss.SpikeTimeLoss;

/**
 * The spiking output layer: a {@link SpikingDense} layer whose spike trains {@code [mb, nOut, T]}
 * go to a time-based loss (an {@link ILossFunction} over the whole spike tensor, with one-hot
 * labels {@code [mb, nOut]}, returning the spike-time gradient).
 *
 * <p>In training it adds the forced supervisory spike on the label neuron
 * ({@link org.spiketime4j.neuron.SupervisorySpike}) before the loss and the backward pass.
 * {@code output()} returns readout scores {@code [mb, nOut]}
 * ({@link org.spiketime4j.neuron.Readout}), so stock {@code Evaluation} and
 * {@code MultiLayerNetwork.evaluate} work unchanged; {@link SpikingOutputLayerImpl#outputSpikes(INDArray)}
 * gives the raw spikes.
 *
 * <p>Example: {@code DocExamplesTest#readmeExample}.
 */
public class SpikingOutputLayer extends SpikingDense {

    private ILossFunction lossFn;

    /** For Jackson. */
    protected SpikingOutputLayer() {
    }

    private SpikingOutputLayer(Builder builder) {
        super(builder);
        this.lossFn = builder.lossFn;
    }

    /** @return the time-based loss */
    public ILossFunction getLossFn() {
        return lossFn;
    }

    /** @param lossFn the time-based loss (Jackson), a {@link SpikeTimeLoss} */
    public void setLossFn(ILossFunction lossFn) {
        this.lossFn = requireTimeBased(lossFn);
    }

    /**
     * @param lossFn a loss
     * @return the loss, if it is time-based
     * @throws IllegalArgumentException naming {@link RateToTimeLoss} for a stock (rate-based) loss
     */
    static ILossFunction requireTimeBased(ILossFunction lossFn) {
        Objects.requireNonNull(lossFn, "lossFn");
        if (!(lossFn instanceof SpikeTimeLoss)) {
            throw new IllegalArgumentException("SpikingOutputLayer lossFn must be a time-based loss "
                    + "(org.spiketime4j.loss.SpikeTimeLoss, e.g. LossKind.COUNT_PLUS.create(TargetCounts.MNIST, 3)), got "
                    + lossFn.getClass().getSimpleName() + "; to train on spike counts with a stock loss, wrap it: "
                    + "new RateToTimeLoss(new " + lossFn.getClass().getSimpleName() + "(), new TargetCounts(desired, undesired))");
        }
        return lossFn;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return wire(new SpikingOutputLayerImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkTimeSteps(inputType, layerIndex);
        return InputType.feedForward(getNOut());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikingOutputLayer l && super.equals(o) && Objects.equals(lossFn, l.lossFn);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(lossFn);
    }

    /** Builder of {@link SpikingOutputLayer}. */
    public static class Builder extends SpikingWeightLayer.Builder<Builder> {

        private ILossFunction lossFn;

        /**
         * @param lossFn the time-based loss (a {@link SpikeTimeLoss})
         * @throws IllegalArgumentException for a stock rate loss, naming {@link RateToTimeLoss}
         */
        public Builder(ILossFunction lossFn) {
            lossFunction(lossFn);
        }

        /**
         * @param lossFn the time-based loss, not null
         * @return this builder
         * @throws IllegalArgumentException for a loss that is not a {@link SpikeTimeLoss} (a stock rate loss such
         *                                  as {@code LossMCXENT}: wrap it in {@link RateToTimeLoss})
         */
        public Builder lossFunction(ILossFunction lossFn) {
            this.lossFn = requireTimeBased(lossFn);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SpikingOutputLayer build() {
            return new SpikingOutputLayer(this);
        }
    }
}
