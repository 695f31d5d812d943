package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.loss.TargetCounts;

/** A stock layer on the spikes of a trainable spiking layer is rejected with a message naming RateToTimeLayer. */
class SpikeFlowTest {

    private static final SrmNeuron NEURON = new SrmNeuron(4, 5, 3, 2.5);

    private static MultiLayerConfiguration list(Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().list();
        for (Layer l : layers) {
            b.layer(l);
        }
        return b.setInputType(SpikeInputType.staticImage(8, 8, 1)).build();
    }

    private static SpikingConv2D conv() {
        return new SpikingConv2D.Builder().nOut(3).kernelSize(3).neuron(NEURON).build();
    }

    private static OutputLayer stockOutput() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build();
    }

    @Test
    void stockHeadOnSpikesIsRejectedNamingTheFix() {
        MultiLayerConfiguration c = list(conv(), new SpikePooling2D.Builder().build(),
                new DenseLayer.Builder().nOut(5).build(), stockOutput());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpikeFlow.check(c));
        assertTrue(e.getMessage().contains("layer 2 (DenseLayer") && e.getMessage().contains("RateToTimeLayer")
                && e.getMessage().contains("SpikingConv2D"), e.getMessage());
    }

    @Test
    void rateToTimeLayerOrFrozenSpikesOrStockBelowAreAccepted() {
        assertDoesNotThrow(() -> SpikeFlow.check(list(conv(), new SpikePooling2D.Builder().build(),
                new RateToTimeLayer.Builder().build(), new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                stockOutput())));
        assertDoesNotThrow(() -> SpikeFlow.check(list(new FrozenLayer(conv()), new DenseLayer.Builder().nOut(5).build(),
                stockOutput())));
        assertDoesNotThrow(() -> SpikeFlow.check(list(new ConvolutionLayer.Builder().nOut(2).kernelSize(3, 3).build(),
                conv(), new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3).neuron(NEURON)
                        .build())));
    }

    /** With the head fixed, the stock loss can only fall if the spiking layer gets the gradient's right sign. */
    @Test
    void stockHeadAfterRateToTimeLayerTrains() {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(4)
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .updater(new org.nd4j.linalg.learning.config.Adam(1e-2)).list()
                .layer(new SpikingConv2D.Builder().nOut(4).kernelSize(3).neuron(NEURON).thresholdInit(0.3).build())
                .layer(new RateToTimeLayer.Builder().build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .updater(new org.nd4j.linalg.learning.config.NoOp()).build())    // only the spiking layer trains
                .setInputType(SpikeInputType.staticImage(8, 8, 1)).build();
        SpikeFlow.check(c);
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(c);
        net.init();
        org.nd4j.linalg.api.ndarray.INDArray x = LayerTestSupport.gaussian(new java.util.Random(6), 9, 1, 8, 8).muli(2);
        org.nd4j.linalg.api.ndarray.INDArray y = org.nd4j.linalg.factory.Nd4j.zeros(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE, 9, 3);
        for (int i = 0; i < 9; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        org.nd4j.linalg.dataset.DataSet d = new org.nd4j.linalg.dataset.DataSet(x, y);
        double before = net.score(d);
        for (int i = 0; i < 20; i++) {
            net.fit(d);
        }
        assertTrue(net.score(d) < before, "stock loss falls: " + before + " -> " + net.score(d));
    }

    @Test
    void graphWithMergedSpikesIntoAStockLayerIsRejected() {
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("a", new SpikingDense.Builder().nOut(4).neuron(NEURON).build(), "in")
                .addLayer("b", new SpikingDense.Builder().nOut(4).neuron(NEURON).build(), "in")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("dense", new DenseLayer.Builder().nOut(5).build(), "merge")
                .addLayer("out", stockOutput(), "dense")
                .setOutputs("out").setInputTypes(InputType.feedForward(6)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpikeFlow.check(c));
        assertTrue(e.getMessage().contains("vertex 'dense'"), e.getMessage());
    }
}
