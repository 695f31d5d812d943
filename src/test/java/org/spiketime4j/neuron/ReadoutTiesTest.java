package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
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
                // one sample per pair a < b: class 0 at {a, b}, class 2 at {a + 1, b - 1} (same count, same time sum)
                List<int[]> pairs = new ArrayList<>();
                for (int a = 0; a < steps; a++) {
                    for (int b = a + 3; b < steps; b++) {
                        pairs.add(new int[]{a, b});
                    }
                }
                INDArray batch = Nd4j.zeros(type, pairs.size(), 3, steps);
                for (int n = 0; n < pairs.size(); n++) {
                    int[] p = pairs.get(n);
                    batch.putSlice(n, spikes(type, steps, p[0], p[1], p[0] + 1, p[1] - 1).slice(0));
                }
                INDArray scores = Readout.scores(batch);
                INDArray winners = scores.argMax(1);
                for (int n = 0; n < pairs.size(); n++) {
                    int[] p = pairs.get(n);
                    String what = type + " T=" + steps + " {" + p[0] + "," + p[1] + "} vs {" + (p[0] + 1) + ","
                            + (p[1] - 1) + "}";
                    assertEquals(scores.getDouble(n, 0), scores.getDouble(n, 2), 0.0, what);
                    assertEquals(0, winners.getInt(n), what);
                    assertEquals(2 * 1.1 - (p[0] + p[1]) / (10.0 * steps), scores.getDouble(n, 0),
                            type == DataType.FLOAT ? 1e-6 : 1e-12, what);
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
