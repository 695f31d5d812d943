package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.loss.TargetCounts;

/**
 * {@code InputType.convolutionalFlat}, the input type of DL4J's MNIST examples with flat {@code [mb, H*W*C]}
 * features: SpikingConv2D adds {@link FeedForwardToCnnPreProcessor} like stock ConvolutionLayer, and the network
 * computes what the same network computes on the images {@code [mb, C, H, W]}.
 */
class ConvolutionalFlatTest {

    private static final SrmNeuron NEURON = new SrmNeuron(4, 5, 3, 2.5);

    private static MultiLayerNetwork net(InputType in) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).list()
                .layer(new SpikingConv2D.Builder().nOut(3).kernelSize(3).neuron(NEURON).thresholdInit(0.2).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3).neuron(NEURON)
                        .thresholdInit(0.2).build())
                .setInputType(in).build());
        n.init();
        return n;
    }

    @Test
    void flatImagesGiveTheOutputsOfImagesAndTrain() {
        MultiLayerNetwork flat = net(InputType.convolutionalFlat(6, 6, 1));
        MultiLayerNetwork images = net(InputType.convolutional(6, 6, 1));
        assertInstanceOf(FeedForwardToCnnPreProcessor.class, flat.getLayerWiseConfigurations().getInputPreProcess(0));
        assertEquals(images.params(), flat.params(), "same seed, same parameters");
        INDArray x = LayerTestSupport.gaussian(new Random(9), 6, 36).muli(2);
        assertEquals(images.output(x.reshape(6, 1, 6, 6)), flat.output(x));

        INDArray y = Nd4j.zeros(DataType.DOUBLE, 6, 3);
        for (int i = 0; i < 6; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        INDArray before = flat.params().dup();
        flat.fit(new DataSet(x, y));
        images.fit(new DataSet(x.reshape(6, 1, 6, 6), y));
        assertNotEquals(before, flat.params());
        assertEquals(images.params(), flat.params(), "one step on flat features = one step on images");
    }
}
