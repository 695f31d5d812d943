package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The prediction read out of output spikes: {@code score_c = sum_t s_c[t] (1.1 - t / (10 T))}.
 * The arg-max wins, so among classes with equal counts the earlier spikes win.
 */
public final class Readout {

    private Readout() {
    }

    /**
     * @param spikes output spikes {@code [N, C, T]}
     * @return scores {@code [N, C]}
     */
    public static INDArray scores(INDArray spikes) {
        if (spikes.rank() != 3) {
            throw new IllegalArgumentException("spikes must be [N, C, T], got " + java.util.Arrays.toString(spikes.shape()));
        }
        long steps = spikes.size(2);
        INDArray weights = Nd4j.arange(0, steps).castTo(spikes.dataType()).muli(-1.0 / (10.0 * steps)).addi(1.1);
        INDArray rows = spikes.dup('c').reshape('c', spikes.size(0) * spikes.size(1), steps);
        return rows.mmul(weights.reshape(steps, 1)).reshape(spikes.size(0), spikes.size(1));
    }
}
