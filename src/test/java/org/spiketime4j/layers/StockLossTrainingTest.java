package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.spiketime4j.data.IdxDataset;
import org.spiketime4j.data.Split;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * The spiking layers (conv, pool, conv, pool, dense) built with the stock DL4J builder and followed by
 * a stock RnnLossLayer (mean-square error against the one-hot targets repeated over T) train with
 * fit() on a few MNIST batches, and the loss falls. The stock loss reads the spike trains directly: the
 * gradient it returns, dL/ds, is what the spiking layers take at their output.
 */
class StockLossTrainingTest {

    @Test
    void lossFallsOnMnistBatches() throws Exception {
        SrmNeuron n = SrmNeuron.MNIST;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(2e-3)).list()
                .layer(new SpikingConv2D.Builder().nOut(8).kernelSize(5).neuron(n).thresholdInit(0.5).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingConv2D.Builder().nOut(12).kernelSize(5).neuron(n).thresholdInit(0.5).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(10).neuron(n).thresholdInit(0.5).build())
                .layer(new RnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1)).build());
        net.init();
        IdxDataset mnist = IdxDataset.load(Path.of("datasets", "mnist"), Split.TRAIN);
        int[] idx = new int[32];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        DataSet batch = mnist.dataSet(idx);
        INDArray target = batch.getLabels().reshape(32, 10, 1).broadcast(32, 10, n.timeSteps()).dup();
        DataSet ds = new DataSet(batch.getFeatures(), target);
        double first = net.score(ds);
        for (int i = 0; i < 15; i++) {
            net.fit(ds);
        }
        double last = net.score(ds);
        assertTrue(last < 0.8 * first, "loss should fall: first " + first + ", last " + last);
    }
}
