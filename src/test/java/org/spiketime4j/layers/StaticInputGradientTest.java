package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.loss.TargetCounts;

/**
 * A spiking layer fed with values (a static input, no time axis) returns a real input gradient, so that stock
 * layers and preprocessors can sit below it.
 *
 * <p>Independent truth: a stock layer without bias and with identity activation below the spiking layer is
 * linear in its weight V, so {@code <dL/dV, V> = <dL/dz, z>} for its output z; the spiking layer's current is
 * bilinear in z and W_hat, so {@code <dL/dz, z> = <dL/dW_hat, W_hat>}, and with W_hat = gamma Wn + beta per
 * channel, {@code <dL/dW_hat, W_hat> = sum_c gamma_c dL/dgamma_c + beta_c dL/dbeta_c}. The left side is DL4J's
 * stock gradient, the right side the spiking layer's parameter gradients.
 */
class StaticInputGradientTest {

    private static final SrmNeuron NEURON = new SrmNeuron(5, 5, 3, 2.5);

    private static MultiLayerNetwork net(InputType in, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).list();
        for (Layer l : layers) {
            b.layer(l);
        }
        MultiLayerConfiguration c = b.setInputType(in).build();
        MultiLayerNetwork n = new MultiLayerNetwork(c);
        n.init();
        return n;
    }

    private static INDArray labels(int mb) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, mb, 3);
        for (int i = 0; i < mb; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return y;
    }

    private static SpikingOutputLayer output() {
        return new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3).neuron(NEURON)
                .thresholdInit(0.2).build();
    }

    /** Checks the identity of the class comment for stock layer 0 below spiking layer 1. */
    private static void assertInnerProductsAgree(MultiLayerNetwork net, INDArray x) {
        net.setInput(x);
        net.setLabels(labels((int) x.size(0)));
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        double stock = g.getGradientFor("0_W").mul(net.getParam("0_W")).sumNumber().doubleValue();
        double spiking = g.getGradientFor("1_gamma").mul(net.getParam("1_gamma")).sumNumber().doubleValue()
                + g.getGradientFor("1_beta").mul(net.getParam("1_beta")).sumNumber().doubleValue();
        assertTrue(Math.abs(spiking) > 1e-6, "the example must produce a gradient, got " + spiking);
        assertEquals(spiking, stock, 1e-9 * Math.max(1, Math.abs(spiking)), "<dL/dV, V> = <dL/dW_hat, W_hat>");
    }

    @Test
    void stockDenseBelowSpikingDenseGetsTheCurrentsGradient() {
        MultiLayerNetwork net = net(InputType.feedForward(8),
                new DenseLayer.Builder().nOut(10).hasBias(false).activation(Activation.IDENTITY).build(),
                new SpikingDense.Builder().nOut(6).neuron(NEURON).thresholdInit(0.2).build(),
                output());
        assertInnerProductsAgree(net, LayerTestSupport.gaussian(new Random(2), 6, 8).muli(2));
    }

    @Test
    void stockConvolutionBelowSpikingConvGetsTheCurrentsGradientAndTrains() {
        MultiLayerNetwork net = net(InputType.convolutional(8, 8, 1),
                new ConvolutionLayer.Builder().nOut(2).kernelSize(3, 3).hasBias(false).activation(Activation.IDENTITY)
                        .build(),
                new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).neuron(NEURON).thresholdInit(0.2).build(),
                new SpikePooling2D.Builder().kernelSize(2).build(),
                output());
        INDArray x = LayerTestSupport.gaussian(new Random(3), 6, 1, 8, 8).muli(2);
        assertInnerProductsAgree(net, x);
        INDArray stock = net.getParam("0_W").dup();
        net.fit(new DataSet(x, labels(6)));
        assertNotEquals(stock, net.getParam("0_W"), "the stock layer below trains");
    }

    @Test
    void preprocessorAtLayerZeroBackpropagates() {
        // setInputType adds CnnToFeedForwardPreProcessor for a dense first layer on images
        MultiLayerNetwork net = net(InputType.convolutional(4, 4, 1),
                new SpikingDense.Builder().nOut(6).neuron(NEURON).thresholdInit(0.2).build(), output());
        INDArray x = LayerTestSupport.gaussian(new Random(5), 4, 1, 4, 4).muli(2);
        net.setInput(x);
        net.setLabels(labels(4));
        INDArray dx = net.calculateGradients(x, labels(4), null, null).getSecond();
        assertEquals(java.util.Arrays.toString(x.shape()), java.util.Arrays.toString(dx.shape()));
        INDArray before = net.params().dup();
        net.fit(new DataSet(x, labels(4)));
        assertNotEquals(before, net.params());
    }

    @Test
    void preprocessorAtTheFirstVertexOfAGraphBackpropagates() {
        // setInputTypes adds CnnToFeedForwardPreProcessor for a dense first layer on images, in a graph too
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new SpikingDense.Builder().nOut(6).neuron(NEURON).thresholdInit(0.2).build(), "in")
                .addLayer("out", output(), "dense")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .build();
        org.deeplearning4j.nn.graph.ComputationGraph graph = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
        graph.init();
        INDArray x = LayerTestSupport.gaussian(new Random(5), 4, 1, 4, 4).muli(2);
        INDArray before = graph.params().dup();
        graph.fit(new DataSet(x, labels(4)));
        assertNotEquals(before, graph.params());
    }
}
