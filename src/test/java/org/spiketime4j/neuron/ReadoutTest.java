package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReadoutTest {

    @Test
    void scoresWeighEarlierSpikesMoreOnRank3Spikes() {
        int n = 2;
        int c = 3;
        int steps = 5;
        INDArray spikes = Nd4j.rand(DataType.DOUBLE, n, c, steps).lt(0.5).castTo(DataType.DOUBLE);
        INDArray scores = Readout.scores(spikes);
        assertEquals(n, scores.size(0));
        assertEquals(c, scores.size(1));
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                double expected = 0;
                for (int t = 0; t < steps; t++) {
                    expected += spikes.getDouble(i, k, t) * (1.1 - t / (10.0 * steps));
                }
                assertEquals(expected, scores.getDouble(i, k), 1e-12, "sample " + i + ", class " + k);
            }
        }
    }
}
