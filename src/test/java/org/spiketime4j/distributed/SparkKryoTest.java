package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.spiketime4j.train.TrainingMonitor;

/** Spark with Kryo as its serializer (our registrator) ships our configuration and trains as with Java serialization. */
class SparkKryoTest {

    @Test
    void kryoSerializedTrainingEqualsHandMadeAveraging() throws Exception {
        List<DataSet> batches = Simulation.batches(20);
        MultiLayerNetwork start = Simulation.initialised(batches.get(0));
        MultiLayerNetwork net = Simulation.replica(start, true);
        TrainingMonitor monitor = new TrainingMonitor(batches.size(), null);
        net.addListeners(monitor);
        try (SparkTraining spark = SparkTraining.start(SparkTraining.conf("local[2]")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", KryoRegistrator.class.getName()), 1, 11)) {
            assertEquals("org.apache.spark.serializer.KryoSerializer",
                    spark.context().getConf().get("spark.serializer"));
            spark.fitEpoch(net, new ExistingDataSetIterator(batches), monitor);
        }
        MultiLayerNetwork expected = Simulation.averaged(start, batches, 2, 1, Simulation.WORKER_CLIP);
        double diff = Simulation.relativeDifference(expected.params(), net.params());
        assertTrue(diff < 1e-6, "parameters differ from hand-made averaging by " + diff);
        assertEquals(2, monitor.snapshot().batches());
    }
}
