package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.ReferenceAdam;

/**
 * A spiking ComputationGraph trains on both engines as parameter averaging by hand says it should. (The first
 * layer is a convolution: a dense first layer behind DL4J's CnnToFeedForward preprocessor fails in a
 * ComputationGraph even in one process, since the first layer returns no input gradient.)
 */
class ComputationGraphEnginesTest {

    private static ComputationGraph graph() {
        SrmNeuron n = SrmNeuron.MNIST;
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).miniBatch(false)
                .updater(new ReferenceAdam(5e-3)).graphBuilder()
                .addInputs("in").setInputTypes(SpikeInputType.staticImage(28, 28, 1))
                .addLayer("hidden", new SpikingConv2D.Builder().nOut(4).kernelSize(5).neuron(n).thresholdInit(3)
                        .build(), "in")
                .addLayer("out", new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(TargetCounts.MNIST, n.tauSynSteps()))
                        .nOut(10).neuron(n).thresholdInit(1).build(), "hidden")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    /** Each of two replicas fits one batch, then parameters and updater states are averaged. */
    private static INDArray handMade(ComputationGraph start, List<DataSet> batches) {
        ComputationGraph a = start.clone();
        ComputationGraph b = start.clone();
        a.setListeners(new GradientNormClip(Simulation.WORKER_CLIP));
        b.setListeners(new GradientNormClip(Simulation.WORKER_CLIP));
        a.fit(batches.get(0));
        b.fit(batches.get(1));
        return a.params().add(b.params()).divi(2);
    }

    @Test
    void bothEnginesTrainAGraphAsHandMadeAveraging() throws Exception {
        List<DataSet> batches = Simulation.batches(20);
        ComputationGraph start = graph();
        INDArray expected = handMade(start, batches);

        ComputationGraph pw = start.clone();
        pw.setListeners(new GradientNormClip(Simulation.CLIP));
        new ParallelTraining(2, 1).fitEpoch(pw, new ExistingDataSetIterator(batches));
        ComputationGraph spark = start.clone();
        spark.setListeners(new GradientNormClip(Simulation.CLIP));
        try (SparkTraining engine = SparkTraining.start("local[2]", 1, 11)) {
            engine.fitEpoch(spark, engine.context().parallelize(batches, 2), 10);
        }
        for (ComputationGraph g : List.of(pw, spark)) {
            double diff = Simulation.relativeDifference(expected, g.params());
            assertTrue(diff < 1e-6, "parameters differ from hand-made averaging by " + diff);
            assertEquals(1, g.getIterationCount());
            assertEquals(1, g.getEpochCount());
        }
        assertTrue(Simulation.relativeDifference(start.params(), pw.params()) > 1e-4, "premise: training changed them");
    }
}
