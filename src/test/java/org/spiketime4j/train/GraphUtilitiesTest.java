package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.loss.TargetCounts;

/**
 * Threshold initialisation and the training monitor on a ComputationGraph with branches and a merge vertex. The
 * oracle is the MultiLayerNetwork path (checked against the reference by the threshold_init conformance cases):
 * each branch must get the scale that a one-layer network on the same input gets, and the layer above the merge
 * the scale that a one-layer network fed with the merged spikes gets.
 */
class GraphUtilitiesTest {

    private static final SrmNeuron NEURON = new SrmNeuron(6, 5, 3, 2.5);
    private static final ThresholdInitializer.Config CONFIG = ThresholdInitializer.Config.of(0.6);

    private static SpikingDense dense(int nOut) {
        return new SpikingDense.Builder().nOut(nOut).neuron(NEURON).build();
    }

    private static SpikingOutputLayer output() {
        return new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3).neuron(NEURON).build();
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().seed(8).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("a", dense(7), "in")
                .addLayer("b", dense(5), "in")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("out", output(), "merge")
                .setOutputs("out").setInputTypes(SpikeInputType.spikeTrains(10, NEURON.timeSteps())).build();
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        return g;
    }

    /** A one-layer network holding a copy of the graph layer's parameters. */
    private static MultiLayerNetwork single(Layer conf, long nIn, org.deeplearning4j.nn.api.Layer from) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(conf).setInputType(SpikeInputType.spikeTrains(nIn, NEURON.timeSteps())).build());
        n.init();
        n.getLayer(0).setParams(from.params().dup());
        return n;
    }

    private static INDArray input() {
        Random r = new Random(12);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 8, 10, NEURON.timeSteps());
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextDouble() < 0.3 ? 1 : 0);
        }
        return x;
    }

    @Test
    void thresholdInitialisationOfAGraphWithAMergeMatchesTheLayerByLayerOracle() {
        ComputationGraph g = graph();
        INDArray x = input();
        MultiLayerNetwork a = single(dense(7), 10, g.getLayer("a"));
        MultiLayerNetwork b = single(dense(5), 10, g.getLayer("b"));
        MultiLayerNetwork out = single(output(), 12, g.getLayer("out"));

        List<Double> scales = ThresholdInitializer.run(g, x, CONFIG);
        assertEquals(3, scales.size());
        List<Double> sa = ThresholdInitializer.run(a, x, CONFIG);
        List<Double> sb = ThresholdInitializer.run(b, x, CONFIG);
        assertEquals(java.util.Set.of(sa.get(0), sb.get(0)), java.util.Set.of(scales.get(0), scales.get(1)),
                "the two branches, in topological order");
        INDArray merged = g.feedForward(x, false).get("merge");
        List<Double> so = ThresholdInitializer.run(out, merged, CONFIG);
        assertEquals(so.get(0), scales.get(2), "the layer above the merge");
        for (String name : new String[]{"a", "b", "out"}) {
            MultiLayerNetwork oracle = "a".equals(name) ? a : "b".equals(name) ? b : out;
            assertEquals(oracle.getLayer(0).getParam(SpikingParamInitializer.THRESHOLD),
                    g.getLayer(name).getParam(SpikingParamInitializer.THRESHOLD), name);
        }
    }

    @Test
    void monitorReportsEveryLayerOfAGraph() {
        ComputationGraph g = graph();
        INDArray x = input();
        ThresholdInitializer.run(g, x, CONFIG);
        TrainingMonitor monitor = new TrainingMonitor(2, null);
        g.addListeners(monitor);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        monitor.onEpochStart(g);
        g.fit(new DataSet(x, y));
        g.fit(new DataSet(x, y));
        TrainingMonitor.EpochStats s = monitor.snapshot();
        assertEquals(2, s.batches());
        assertEquals(16, s.examples());
        assertEquals(3, s.spikesPerNeuron().length, "a, b and out");
        INDArray spikesA = g.feedForward(x, true).get("a");
        assertTrue(s.spikesPerNeuron()[0] > 0 && s.meanLoss() > 0, java.util.Arrays.toString(s.spikesPerNeuron()));
        assertTrue(spikesA.sumNumber().doubleValue() > 0);
    }
}
