package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ties of the readout: two classes whose spikes have the same count and the same sum of spike times have the same
 * score {@code 1.1 n - (sum t) / (10 T)}, bit for bit, so that the arg-max keeps the first (lowest) class, as
 * {@code torch.argmax} / {@code np.argmax} do in the reference's readout; a class ahead by a count or by an earlier
 * spike wins.
 */
class ReadoutTiesTest {

    /** Spikes [1, 3, T]: class 0 at steps {a, b}, class 1 never, class 2 at steps {c, d}. */
    private static INDArray spikes(DataType type, int steps, int a, int b, int c, int d) {
        INDArray s = Nd4j.zeros(type, 1, 3, steps);
        s.putScalar(new long[]{0, 0, a}, 1);
        s.putScalar(new long[]{0, 0, b}, 1);
        s.putScalar(new long[]{0, 2, c}, 1);
        s.putScalar(new long[]{0, 2, d}, 1);
        return s;
    }

    @Test
    void equalCountAndTimeSumTieExactlyAndTheLowestClassWins() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            for (int steps : new int[]{5, 30}) {
                for (int a = 0; a < steps; a++) {
                    for (int b = a + 1; b < steps; b++) {
                        for (int c = a + 1; c < a + 2; c++) {
                            int d = a + b - c;
                            if (d <= c) {
                                continue;
                            }
                            // class 2's spikes at (c, d) with c + d = a + b: a tie with class 0
                            INDArray scores = Readout.scores(spikes(type, steps, a, b, c, d));
                            String what = type + " T=" + steps + " {" + a + "," + b + "} vs {" + c + "," + d + "}";
                            assertEquals(scores.getDouble(0, 0), scores.getDouble(0, 2), 0.0, what);
                            assertEquals(0, scores.argMax(1).getInt(0), what);
                            assertEquals(2 * 1.1 - (a + b) / (10.0 * steps), scores.getDouble(0, 0),
                                    type == DataType.FLOAT ? 1e-6 : 1e-12, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anEarlierSpikeBreaksACountTie() {
        INDArray scores = Readout.scores(spikes(DataType.FLOAT, 5, 1, 4, 1, 3));
        assertEquals(2, scores.argMax(1).getInt(0), "class 2's second spike comes earlier");
    }
}
