package org.spiketime4j.examples;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.data.Split;

/**
 * Recipe: data-parallel training with DL4J's {@code ParallelWrapper} (artifact
 * {@code org.deeplearning4j:deeplearning4j-parallel-wrapper}), two workers, parameter averaging after every
 * batch. {@code TrainingMode.SHARED_GRADIENTS} deadlocks in DL4J 1.0.0-M2.1, for stock networks too: use
 * {@code AVERAGING}.
 */
class ParallelWrapperExampleTest {

    @Test
    void twoWorkersAverageParameters() throws Exception {
        DataSetIterator train = ExampleData.mnistFlat(Split.TRAIN, 0, 64, 16);
        MultiLayerNetwork net = new MultiLayerNetwork(ExampleData.spikingLeNet());
        net.init();
        INDArray before = net.params().dup();
        try (ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(2)
                .averagingFrequency(1).trainingMode(ParallelWrapper.TrainingMode.AVERAGING).build()) {
            wrapper.fit(train);
        }
        assertNotEquals(before, net.params(), "the averaged parameters are the network's");
        assertTrue(Double.isFinite(net.params().sumNumber().doubleValue()));
        train.reset();
        assertTrue(Double.isFinite(net.score(train.next())));
    }
}
