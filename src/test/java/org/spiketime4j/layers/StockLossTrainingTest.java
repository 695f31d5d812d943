package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.spiketime4j.data.IdxDataset;
import org.spiketime4j.data.Split;
import org.spiketime4j.neuron.SrmNeuron;



/**
 * Stock layers read spikes directly, with no conversion layer between them: the gradient passed between layers
 * is dL/ds, as between any DL4J layers, so spiking layers under a stock loss or head train in the right direction
 * with fit() on a batch of MNIST images, and the loss falls.
 */
class StockLossTrainingTest {

    /** The 32 first training images with their one-hot labels. */
    private static DataSet firstTrainingImages() throws Exception {
        int[] idx = new int[32];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return IdxDataset.load(Path.of("datasets", "mnist"), Split.TRAIN).dataSet(idx);
    }

    /**
     * Spiking conv, pool, conv, pool, dense, then a stock RnnLossLayer (mean-square error against the one-hot
     * targets repeated over T).
     */
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
                .layer(new RnnLossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1)).build());
        net.init();
        DataSet batch = firstTrainingImages();
        INDArray target = batch.getLabels().reshape(32, 10, 1).broadcast(32, 10, n.timeSteps()).dup();
        DataSet ds = new DataSet(batch.getFeatures(), target);
        double first = net.score(ds);
        for (int i = 0; i < 15; i++) {
            net.fit(ds);
        }
        double last = net.score(ds);
        assertTrue(last < 0.8 * first, "loss should fall: first " + first + ", last " + last);
    }

    /**
     * A stock head held fixed (global sum pooling, softmax output with identity weights, learning rate 0) on
     * spiking conv, pool, dense: only the spiking layers can lower the loss; a gradient of the wrong sign at their
     * output (dL/ds read as dL/dt) makes it rise instead.
     */
    @Test
    void spikingLayersUnderAFixedStockHeadLowerTheLoss() throws Exception {
        SrmNeuron n = SrmNeuron.MNIST;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Adam(2e-3)).list()
                .layer(new SpikingConv2D.Builder().nOut(8).kernelSize(5).neuron(n).thresholdInit(0.5).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(10).neuron(n).thresholdInit(0.5).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.SUM).build())          // spike counts [mb, 10]
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.IDENTITY).hasBias(false).updater(new Sgd(0.0)).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1)).build());
        net.init();
        DataSet batch = firstTrainingImages();
        double first = net.score(batch);
        for (int i = 0; i < 20; i++) {
            net.fit(batch);
        }
        double last = net.score(batch);
        assertTrue(last < 0.8 * first, "the loss should fall: first " + first + ", last " + last);
        INDArray head = net.getLayer(4).getParam("W");
        assertEquals(Nd4j.eye(10).castTo(head.dataType()), head, "the stock head must stay fixed");
    }
}
