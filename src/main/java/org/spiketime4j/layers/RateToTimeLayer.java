package org.spiketime4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pass-through layer, kept so that configurations and saved models that contain it load and train as before.
 *
 * <p>It used to turn the gradient of a stock layer reading spikes, dL/ds, into the spike-time gradient dL/dt.
 * The spiking layers now do that at their own output ({@code SpikingWeightLayerImpl#backward}): the gradient
 * between layers is dL/ds everywhere, so stock layers read spikes with no layer between, and this one passes
 * spikes and gradients through unchanged.
 *
 * @deprecated not needed: put stock layers directly on the spiking layers' output
 */
@Deprecated
public class RateToTimeLayer extends PassThroughShapeLayer {

    /** For Jackson. */
    protected RateToTimeLayer() {
    }

    private RateToTimeLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new RateToTimeLayerImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(getLayerName(), RateToTimeLayer.class, inputType, inputType)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    /** Builder of {@link RateToTimeLayer}. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {

        /** A builder. */
        public Builder() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public RateToTimeLayer build() {
            return new RateToTimeLayer(this);
        }
    }
}
