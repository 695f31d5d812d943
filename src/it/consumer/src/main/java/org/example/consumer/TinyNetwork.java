package org.example.consumer;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.ReferenceAdam;
import org.spiketime4j.loss.TargetCounts;

/** A tiny spiking network on 8x8 one-channel images, built from SpikeTime4j's public API only. */
public final class TinyNetwork {

    /** Image side. */
    public static final int SIDE = 8;
    /** Number of classes. */
    public static final int CLASSES = 3;

    private TinyNetwork() {
    }

    /**
     * @param seed weight initialisation seed
     * @return an initialised network: conv 4@3x3, pool 2, dense 8, output 3 (count+ loss), T = 5
     */
    public static MultiLayerNetwork create(long seed) {
        SrmNeuron neuron = SrmNeuron.MNIST;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new ReferenceAdam(1e-2)).miniBatch(false)
                .list()
                .layer(new SpikingConv2D.Builder().nOut(4).kernelSize(3).neuron(neuron).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(8).neuron(neuron).build())
                .layer(new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(5, 1), 3)).nOut(CLASSES)
                        .neuron(neuron).build())
                .setInputType(SpikeInputType.staticImage(SIDE, SIDE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
