package org.spiketime4j.layers;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers shared by the layer tests. */
final class LayerTestSupport {

    private LayerTestSupport() {
    }

    /** A double-precision network of the given layers, initialised, with gradient views. */
    static MultiLayerNetwork network(InputType inputType, Layer... layers) {
        return network(DataType.DOUBLE, inputType, layers);
    }

    /** A network of the given data type and layers, initialised, with gradient views. */
    static MultiLayerNetwork network(DataType dataType, InputType inputType, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).dataType(dataType).list();
        for (Layer l : layers) {
            b.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(inputType).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** 0/1 spikes of the given shape with the given firing probability. */
    static INDArray spikes(Random r, double p, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextDouble() < p ? 1 : 0);
        }
        return a;
    }

    /** Gaussian values of the given shape. */
    static INDArray gaussian(Random r, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextGaussian());
        }
        return a;
    }
}
