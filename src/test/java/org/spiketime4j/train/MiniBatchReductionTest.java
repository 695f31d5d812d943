package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.spiketime4j.data.IdxDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.EnhancedCountLoss;
import org.spiketime4j.loss.Reduction;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * The loss's {@link Reduction} and DL4J's {@code miniBatch} flag: {@code miniBatch(true)} with SUM and
 * {@code miniBatch(false)} with MEAN give the same batch-mean update, on which stock updaters at their stock
 * learning rates do not diverge; the paper's sums ({@code miniBatch(false)}, SUM) need the reference's optimiser.
 */
class MiniBatchReductionTest {

    private static final Path MNIST = Path.of("datasets", "mnist");

    private static MultiLayerNetwork network(boolean miniBatch, Reduction reduction, DataType type,
                                             IUpdater updater) {
        SrmNeuron neuron = SrmNeuron.MNIST;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(type).updater(updater).miniBatch(miniBatch).list()
                .layer(new SpikingConv2D.Builder().nOut(6).kernelSize(5).neuron(neuron).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(40).neuron(neuron).build())
                .layer(new SpikingOutputLayer.Builder(new EnhancedCountLoss(TargetCounts.MNIST, true, reduction))
                        .nOut(10).neuron(neuron).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSetIterator data(int limit) throws IOException {
        return IdxDataSetIterator.builder(MNIST, Split.TRAIN).batchSize(25).limit(limit).shuffle(3).build();
    }

    /** DL4J's division by mb under miniBatch(true) and the loss's MEAN under miniBatch(false) give one update. */
    @Test
    void meanReductionEqualsDl4jsMiniBatchDivision() throws IOException {
        DataSet batch = data(25).next();
        MultiLayerNetwork dl4jDivides = network(true, Reduction.SUM, DataType.DOUBLE, new Nesterovs(0.1, 0.9));
        MultiLayerNetwork lossDivides = network(false, Reduction.MEAN, DataType.DOUBLE, new Nesterovs(0.1, 0.9));
        ThresholdInitializer.run(dl4jDivides, batch.getFeatures(), ThresholdInitializer.Config.of(0.6));
        ThresholdInitializer.run(lossDivides, batch.getFeatures(), ThresholdInitializer.Config.of(0.6));
        for (int step = 0; step < 3; step++) {
            dl4jDivides.fit(batch);
            lossDivides.fit(batch);
        }
        double scale = dl4jDivides.params().amaxNumber().doubleValue();
        assertEquals(0.0, dl4jDivides.params().sub(lossDivides.params()).amaxNumber().doubleValue(), 1e-9 * scale);
        assertEquals(dl4jDivides.score(), lossDivides.score(), 1e-9 * Math.abs(dl4jDivides.score()));
    }

    /**
     * 20 steps of 25 images at Nesterovs' stock learning rate: on the batch mean every gamma stays positive and
     * every parameter finite; on the paper's sums the same updates are 25 times larger and drive gamma negative.
     */
    @Test
    void stockNesterovsDivergesOnTheSumButNotOnTheMean() throws IOException {
        DataSetIterator train = data(500);
        MultiLayerNetwork mean = network(true, Reduction.SUM, DataType.FLOAT, new Nesterovs(0.1, 0.9));
        ThresholdInitializer.run(mean, train.next().getFeatures(), ThresholdInitializer.Config.of(0.6));
        train.reset();
        mean.fit(train);
        assertTrue(Double.isFinite(mean.params().sumNumber().doubleValue()));
        for (int layer : new int[] {0, 2, 3}) {
            assertTrue(mean.getLayer(layer).getParam("gamma").minNumber().doubleValue() > 0, "layer " + layer);
        }

        MultiLayerNetwork sum = network(false, Reduction.SUM, DataType.FLOAT, new Nesterovs(0.1, 0.9));
        train.reset();
        ThresholdInitializer.run(sum, train.next().getFeatures(), ThresholdInitializer.Config.of(0.6));
        train.reset();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sum.fit(train));
        assertTrue(e.getMessage().contains("gamma must be > 0"), e.getMessage());
    }

    /** Stock Adam at its stock learning rate (1e-3) on the batch mean: one pass over 1,000 images learns. */
    @Test
    void stockAdamLearnsOnTheMean() throws IOException {
        DataSetIterator train = data(1000);
        MultiLayerNetwork net = network(true, Reduction.SUM, DataType.FLOAT, new Adam());
        ThresholdInitializer.run(net, train.next().getFeatures(), ThresholdInitializer.Config.of(0.6));
        train.reset();
        net.fit(train);
        double accuracy = net.evaluate(IdxDataSetIterator.builder(MNIST, Split.TEST).batchSize(50).limit(200).build())
                .accuracy();
        assertTrue(accuracy > 0.3, "accuracy " + accuracy + " (chance 0.1)");
    }
}
