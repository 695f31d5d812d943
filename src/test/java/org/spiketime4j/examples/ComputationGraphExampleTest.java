package org.spiketime4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.spiketime4j.layers.SpikeMergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.data.Split;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.train.ThresholdInitializer;
import org.spiketime4j.train.TrainingMonitor;

/**
 * Recipe: a ComputationGraph with two spiking branches (a 5x5 and a 3x3 conv) joined by
 * {@link SpikeMergeVertex} (stock {@code MergeVertex} on spike maps: see its Javadoc for the DL4J bug it works
 * around; on spike trains the stock vertex works), threshold initialisation, the training monitor as a listener, stock {@code fit} and
 * {@code evaluate}.
 */
class ComputationGraphExampleTest {

    @Test
    void twoBranchGraphTrains() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(2e-3))
                .graphBuilder().addInputs("image")
                .addLayer("conv5", new SpikingConv2D.Builder().nOut(3).kernelSize(5).padding(2).build(), "image")
                .addLayer("conv3", new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).build(), "image")
                .addVertex("merge", new SpikeMergeVertex(), "conv5", "conv3")          // [mb, 6, T, 28, 28]
                .addLayer("pool", new SpikePooling2D.Builder().kernelSize(4).build(), "merge")
                .addLayer("hidden", new SpikingDense.Builder().nOut(20).build(), "pool")
                .addLayer("out", new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new org.spiketime4j.loss.TargetCounts(5, 1), 3)).nOut(10).build(),
                        "hidden")
                .setOutputs("out").setInputTypes(InputType.convolutionalFlat(28, 28, 1)).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()), "JSON round trip");

        DataSetIterator train = ExampleData.mnistFlat(Split.TRAIN, 0, 48, 16);
        DataSet first = train.next();
        train.reset();
        assertEquals(4, ThresholdInitializer.run(graph, first.getFeatures(), ThresholdInitializer.Config.of(0.6)).size());
        TrainingMonitor monitor = new TrainingMonitor(3, null);
        graph.setListeners(monitor);

        double before = graph.score(first);
        graph.fit(train, 2);
        assertTrue(graph.score(first) < before, "the loss on a training batch falls");
        assertEquals(3, monitor.snapshot().batches(), "the monitor counts the second epoch's batches");
        assertEquals(4, monitor.snapshot().spikesPerNeuron().length, "conv5, conv3, hidden and out");

        Evaluation eval = graph.evaluate(ExampleData.mnistFlat(Split.TEST, 0, 16, 16));
        assertEquals(16, (int) eval.getNumRowCounter());
    }
}
