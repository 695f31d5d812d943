package org.spiketime4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The wiring every layer configuration does in {@code instantiate} ({@code net.init()}): listeners, index and
 * parameter views, after the one check that needs the finished configuration (builders of the network apply
 * global settings after the layer's own {@code build()}).
 */
final class LayerWiring {

    private LayerWiring() {
    }

    /**
     * @throws IllegalArgumentException if the layer has dropout: DL4J drops inputs and rescales the kept ones by
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
        impl.setListeners(listeners);
        impl.setIndex(layerIndex);
        impl.setParamsViewArray(layerParamsView);
        impl.setParamTable(conf.getLayer().initializer().init(conf, layerParamsView, initializeParams));
        impl.setConf(conf);
        return impl;
    }
}
