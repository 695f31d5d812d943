package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Readout scores of a hand-made spike pattern, T = 5: a spike at step t is worth 1.1 - t/50. */
class ReadoutTest {

    @Test
    void scoresOfAHandMadePattern() {
        INDArray spikes = Nd4j.createFromArray(new double[][][] {
                {{1, 0, 0, 0, 0}, {0, 0, 0, 0, 1}, {0, 1, 1, 0, 0}, {1, 1, 1, 1, 1}},
                {{0, 0, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 0}}});     // [N = 2, C = 4, T = 5]
        INDArray expected = Nd4j.createFromArray(new double[][] {
                {1.10, 1.02, 1.08 + 1.06, 5.30},
                {0.00, 1.06, 1.04, 0.00}});
        INDArray scores = Readout.scores(spikes);
        assertEquals(0.0, scores.sub(expected).amaxNumber().doubleValue(), 1e-12, scores.toString());
    }

    /** Equal counts: the class whose spike comes first scores higher, so the arg-max picks it. */
    @Test
    void earlierSpikesWinTies() {
        INDArray spikes = Nd4j.createFromArray(new double[][][] {{{0, 0, 1, 1}, {0, 1, 0, 1}, {1, 0, 0, 1}}})
                .castTo(DataType.FLOAT);
        assertEquals(2, Readout.scores(spikes).argMax(1).getInt(0));
    }
}
