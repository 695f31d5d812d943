package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The forced supervisory spike of the output layer (training only, labels known).
 *
 * <p>For each sample, on the label neuron only: find the last step t* with {@code du[t*] > 0.05}
 * (t* = 0 if there is none) and set {@code s_label[t*] = 1} when {@code du[t*] != 0}. The membrane
 * is not re-run: the loss and the backward pass see the new spike train, du and g stay as they were.
 */
public final class SupervisorySpike {

    /** The change of u above which a step counts as rising. */
    public static final double RISE_THRESHOLD = 0.05;

    private SupervisorySpike() {
    }

    /**
     * Adds the supervisory spikes.
     *
     * @param spikes spikes {@code [T, N*C]} (sample-major columns: column n*C + c)
     * @param deltaU du of the same forward pass, {@code [T, N*C]}
     * @param labels one-hot labels {@code [N, C]}
     * @return a new spike array with the supervisory spikes added; {@code spikes} is not changed
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static INDArray apply(INDArray spikes, INDArray deltaU, INDArray labels) {
        long steps = spikes.size(0);
        if (labels.rank() != 2 || labels.length() != spikes.size(1)) {
            throw new IllegalArgumentException("labels must be [N, C] with N*C = " + spikes.size(1) + ", got "
                    + java.util.Arrays.toString(labels.shape()));
        }
        INDArray onLabel = labels.reshape(1, labels.length()).castTo(spikes.dataType());
        // index of the last rising step, per column: max over t of t * [du[t] > 0.05]
        INDArray rising = deltaU.match(0.0, Conditions.greaterThan(RISE_THRESHOLD)).castTo(spikes.dataType());
        INDArray stepIndex = Nd4j.arange(0, steps).castTo(spikes.dataType()).reshape(steps, 1);
        INDArray lastRise = rising.mulColumnVector(stepIndex).max(true, 0);                // [1, K]
        INDArray atLast = stepIndex.broadcast(steps, spikes.size(1)).eq(lastRise.broadcast(steps, spikes.size(1)))
                .castTo(spikes.dataType());                                                    // one-hot over t
        INDArray duAtLast = atLast.mul(deltaU).sum(true, 0);
        INDArray nonZero = duAtLast.neq(0.0).castTo(spikes.dataType());
        INDArray forced = atLast.muliRowVector(onLabel.mul(nonZero));
        return Transforms.max(spikes, forced, true);
    }
}
