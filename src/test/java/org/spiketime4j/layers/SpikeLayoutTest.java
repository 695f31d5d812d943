package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpikeLayoutTest {

    /** Sum over the steps t >= from of a batch-first [mb, C, T, H, W] array, by loops. */
    private static double naiveSum(INDArray batchFirst, long from) {
        long[] s = batchFirst.shape();
        double sum = 0;
        for (long n = 0; n < s[0]; n++) {
            for (long c = 0; c < s[1]; c++) {
                for (long t = from; t < s[2]; t++) {
                    for (long h = 0; h < s[3]; h++) {
                        for (long w = 0; w < s[4]; w++) {
                            sum += batchFirst.getDouble(n, c, t, h, w);
                        }
                    }
                }
            }
        }
        return sum;
    }

    @Test
    void sumFromStepCountsTheLateStepsOfViewsAndCopiesAlike() {
        Nd4j.getRandom().setSeed(34);
        INDArray timeMajor = Nd4j.rand(DataType.FLOAT, 5, 3, 2, 4, 4).lt(0.3).castTo(DataType.FLOAT);
        INDArray view = SpikeLayout.toBatchFirst(timeMajor);          // [3, 2, 5, 4, 4], strided
        INDArray copy = view.dup('c');                                // the same values, not a view
        for (long from = 0; from <= 5; from++) {
            double expected = naiveSum(view, from);
            assertEquals(expected, SpikeLayout.sumFromStep(view, from), 0, "view, from " + from);
            assertEquals(expected, SpikeLayout.sumFromStep(copy, from), 0, "copy, from " + from);
        }
        assertEquals(0, SpikeLayout.sumFromStep(view, 5), 0);
        assertTrue(SpikeLayout.sumFromStep(view, 0) > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpikeLayout.sumFromStep(view, 6));
        assertTrue(e.getMessage().contains("fromStep must be in [0, 5], got 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpikeLayout.sumFromStep(view, -1));
    }
}
