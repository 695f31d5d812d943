package org.spiketime4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The wiring every layer configuration does in {@code instantiate}: listeners, index and parameter views. */
final class LayerWiring {

    private LayerWiring() {
    }

    static Layer wire(AbstractLayer<?> impl, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                      int layerIndex, INDArray layerParamsView, boolean initializeParams) {
        impl.setListeners(listeners);
        impl.setIndex(layerIndex);
        impl.setParamsViewArray(layerParamsView);
        impl.setParamTable(conf.getLayer().initializer().init(conf, layerParamsView, initializeParams));
        impl.setConf(conf);
        return impl;
    }
}
