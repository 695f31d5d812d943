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
