package org.spiketime4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.train.ThresholdInitializer;

/**
 * Recipe: DL4J's MNIST example with spiking layers. Flat {@code [mb, 784]} features as the stock
 * {@code MnistDataSetIterator} gives them, {@code InputType.convolutionalFlat(28, 28, 1)}, stock {@code fit},
 * listeners and {@code Evaluation}; threshold initialisation on the first batch before training.
 */
class StockMnistExampleTest {

    @Test
    void spikingLeNetTrainsOnFlatMnistFeatures() {
        DataSetIterator train = ExampleData.mnistFlat(Split.TRAIN, 0, 64, 16);
        DataSetIterator test = ExampleData.mnistFlat(Split.TEST, 0, 32, 16);

        MultiLayerNetwork net = new MultiLayerNetwork(ExampleData.spikingLeNet());
        net.init();
        net.setListeners(new ScoreIterationListener(4));
        DataSet first = train.next();
        train.reset();
        ThresholdInitializer.run(net, first.getFeatures(), ThresholdInitializer.Config.of(0.6));

        double before = net.score(first);
        net.fit(train, 3);
        double after = net.score(first);
        assertTrue(after < before, "the loss on a training batch falls: " + before + " -> " + after);

        Evaluation eval = net.evaluate(test);
        test.reset();
        int correct = 0;
        while (test.hasNext()) {
            DataSet d = test.next();
            correct += net.output(d.getFeatures()).argMax(1).eq(d.getLabels().argMax(1)).castTo(
                    org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue();
        }
        assertEquals(32, (int) eval.getNumRowCounter());
        assertEquals(correct / 32.0, eval.accuracy(), 1e-12, "stock Evaluation = the readout's arg-max");
    }
}
