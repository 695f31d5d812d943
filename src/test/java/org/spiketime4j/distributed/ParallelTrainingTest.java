package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.TrainingMonitor;

/**
 * ParallelWrapper training equals parameter averaging done by hand: thresholds initialised once before
 * distribution, the clamp and the global gradient clip applied on every worker, ReferenceAdam's moments averaged,
 * Adam's step count and the epoch-wise cosine schedule advancing as in one process with the combined batch.
 */
class ParallelTrainingTest {

    @Test
    void twoEpochsOnTwoWorkersEqualHandMadeAveraging() throws Exception {
        List<DataSet> batches = Simulation.batches(40);
        MultiLayerNetwork start = Simulation.initialised(batches.get(0));
        MultiLayerNetwork net = Simulation.replica(start, true);
        GradientNormClip clip = (GradientNormClip) net.getListeners().iterator().next();
        assertTrue(Simulation.gradientNorm(start, batches.get(0)) > 2 * Simulation.CLIP, "premise: the clip binds");
        TrainingMonitor monitor = new TrainingMonitor(batches.size(), null);
        net.addListeners(monitor);
        ParallelTraining engine = new ParallelTraining(2, 1);
        for (int epoch = 0; epoch < 2; epoch++) {
            engine.fitEpoch(net, new ExistingDataSetIterator(batches));
            TrainingMonitor.EpochStats stats = monitor.snapshot();
            assertEquals(4, stats.batches(), "the monitor counts every worker's batches");
            assertEquals(40, stats.examples());
        }
        EngineRuns.equalsHandMadeAveraging(start, batches, net);
        assertEquals(4, net.getIterationCount(), "one step per round: 2 rounds x 2 epochs");
        assertEquals(2, net.getEpochCount());
        assertTrue(net.getParam("0_W").amaxNumber().doubleValue() <= Simulation.CLAMP, "clamp");
        assertTrue(start.getParam("0_W").amaxNumber().doubleValue() > Simulation.CLAMP, "premise: the clamp binds");
        assertEquals(List.of(clip, monitor), List.copyOf(net.getListeners()), "the network keeps its listeners");
    }

    @Test
    void identicalBatchesOnBothWorkersStepAsOneProcessOnTheCombinedBatch() throws Exception {
        ParallelTraining engine = new ParallelTraining(2, 1);
        EngineRuns.identicalBatchesStepAsOneProcess((net, b) -> engine.fitEpoch(net, new ExistingDataSetIterator(List.of(b, b))));
    }

    @Test
    void aWholeRunLearnsLogsAndResumesIdentically(@TempDir Path dir) throws Exception {
        EngineRuns.learnsLogsAndResumesIdentically(new ParallelTraining(2, 1), dir);
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ParallelTraining(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParallelTraining(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ParallelTraining(2, 1, -1));
        Throwable t = assertThrows(IllegalArgumentException.class,
                () -> Models.listeners(new org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer(null, null)));
        assertTrue(t.getMessage().contains("MultiLayerNetwork or a ComputationGraph"), t.getMessage());
    }
}
