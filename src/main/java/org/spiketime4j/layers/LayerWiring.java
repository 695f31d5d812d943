package org.spiketime4j.layers;

import java.util.Collection;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The wiring every layer configuration does in {@code instantiate} ({@code net.init()}): listeners, index and
 * parameter views, after the checks that need the finished configuration (builders of the network apply
 * global settings after the layer's own {@code build()}) or the layer's place; and the check of the gradient a
 * layer receives in its backward pass.
 */
final class LayerWiring {

    private LayerWiring() {
    }

    /**
     * @throws IllegalArgumentException if the layer has dropout, or if a spiking weight layer with
     *                                  {@code inputGradient(false)} is not layer 0 of a {@code MultiLayerNetwork}: DL4J drops inputs and rescales the kept ones by
     *                                  1/p, which the spike-time gradients do not model (the inputs are spikes)
     */
    static Layer wire(AbstractLayer<?> impl, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                      int layerIndex, INDArray layerParamsView, boolean initializeParams) {
        org.deeplearning4j.nn.conf.layers.Layer layer = conf.getLayer();
        if (layer.getIDropout() != null) {
            throw new IllegalArgumentException("layer " + layerIndex + " (" + layer.getClass().getSimpleName()
                    + (layer.getLayerName() == null ? "" : " '" + layer.getLayerName() + "'") + "): dropout is not "
                    + "supported on spiking layers; a dropOut(...) on NeuralNetConfiguration.Builder reaches every "
                    + "layer: set it on the stock layers' builders instead");
        }
        // MultiLayerNetwork passes its listener collection (never null) and the layer's index; a ComputationGraph
        // passes null listeners and the vertex index, which says nothing about what lies below the layer
        if (layer instanceof SpikingWeightLayer s && !s.isInputGradient() && layerIndex > 0 && listeners != null) {
            throw new IllegalArgumentException(s.describe(layerIndex) + ": inputGradient(false) is only for the "
                    + "first layer (layer 0), fed by the network's input: the layers below this one would receive no "
                    + "gradient");
        }
        impl.setListeners(listeners);
        impl.setIndex(layerIndex);
        impl.setParamsViewArray(layerParamsView);
        impl.setParamTable(conf.getLayer().initializer().init(conf, layerParamsView, initializeParams));
        impl.setConf(conf);
        return impl;
    }

    /**
     * The check every layer that passes a gradient down makes on the gradient it receives.
     *
     * @param epsilon the gradient from the layer above
     * @param where   the receiving layer or preprocessor, for the message (built only when it is thrown)
     * @throws IllegalStateException if it is null: the layer above computes no input gradient
     */
    static void requireGradient(INDArray epsilon, Supplier<String> where) {
        if (epsilon == null) {
            throw new IllegalStateException(where.get() + ": received no gradient (null epsilon) from the layer above; "
                    + "a spiking layer configured with inputGradient(false) computes none, which only a layer fed by "
                    + "the network's input may be");
        }
    }
}
