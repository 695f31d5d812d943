package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.TrainingMonitor;

/**
 * Spark (local[2], in this JVM) training equals parameter averaging done by hand, with the same things checked
 * as for ParallelWrapper: thresholds from the driver, clamp and clip on the executors, Adam's moments averaged,
 * iteration and epoch counts global, and the executors' statistics reaching the driver's monitor.
 */
class SparkTrainingTest {

    private static SparkTraining spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkTraining.start("local[2]", 1, 11);
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    @Test
    void twoEpochsOnTwoExecutorsEqualHandMadeAveraging() throws Exception {
        assertEquals(2, spark.workers());
        List<DataSet> batches = Simulation.batches(20);   // one split per epoch: one batch per executor
        MultiLayerNetwork start = Simulation.initialised(batches.get(0));
        MultiLayerNetwork net = Simulation.replica(start, true);
        TrainingMonitor monitor = new TrainingMonitor(batches.size(), null);
        net.addListeners(monitor);
        for (int epoch = 0; epoch < 2; epoch++) {
            spark.fitEpoch(net, new ExistingDataSetIterator(batches), monitor);
            TrainingMonitor.EpochStats stats = monitor.snapshot();
            assertEquals(2, stats.batches(), "the executors' batches reach the driver's monitor");
            assertEquals(20, stats.examples());
            assertTrue(stats.meanLoss() > 0 && stats.spikesPerNeuron().length == 4, stats.toString());
        }
        EngineRuns.equalsHandMadeAveraging(start, batches, net);
        assertEquals(2, net.getIterationCount(), "one step per split: 1 split x 2 epochs");
        assertEquals(2, net.getEpochCount());
        assertTrue(net.getParam("0_W").amaxNumber().doubleValue() <= Simulation.CLAMP, "clamp");
        assertEquals(List.of(GradientNormClip.class, TrainingMonitor.class),
                net.getListeners().stream().map(Object::getClass).toList(), "the network keeps its listeners");
    }

    @Test
    void identicalBatchesOnBothExecutorsStepAsOneProcessOnTheCombinedBatch() throws Exception {
        EngineRuns.identicalBatchesStepAsOneProcess((net, b) ->
                spark.fitEpoch(net, spark.context().parallelize(List.of(b, b), 2), b.numExamples()));
    }

    @Test
    void aWholeRunLearnsLogsAndResumesIdentically(@TempDir Path dir) throws Exception {
        EngineRuns.learnsLogsAndResumesIdentically(spark, dir);
    }

    @Test
    void aListenerThatCannotTravelIsAClearError() throws Exception {
        List<DataSet> batches = Simulation.batches(20);
        MultiLayerNetwork net = Simulation.initialised(batches.get(0));
        net.addListeners(new ScoreIterationListener(1), new Unserializable());
        Throwable t = assertThrows(IllegalArgumentException.class,
                () -> spark.fitEpoch(net, new ExistingDataSetIterator(batches), null));
        assertTrue(t.getMessage().contains(Unserializable.class.getName()), t.getMessage());
        assertEquals(0, net.getIterationCount(), "nothing trained");
    }

    /** A listener Java serialization cannot write. */
    private static final class Unserializable extends BaseTrainingListener {
    }
}
