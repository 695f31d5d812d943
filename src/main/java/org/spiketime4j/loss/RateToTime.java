package org.spiketime4j.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.neuron.Nd4jAlgebra;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * The rate-to-time conversion (ALGORITHM.md section 3.1): a rate-based loss gives dL/ds[t], the derivative
 * with respect to the spike value at each step; the spike-time gradient is dL/dt_k = -dL/ds[t_k], because
 * an earlier spike stands for more spikes (ds/dt := -1). Every rate-based loss of this package goes through
 * this class, and {@link RateToTimeLoss} uses it to turn any stock DL4J loss on spike counts into a
 * time-based one.
 *
 * <p>Example: {@code DocExamplesTest#rateToTime}.
 */
public final class RateToTime {

    private RateToTime() {
    }

    /**
     * Converts a gradient with respect to the spike train (every step, not only spikes) to spike time.
     *
     * @param spikeGradient dL/ds {@code [mb, classes, T]}
     * @return dL/dt = -dL/ds, a new array of the same shape
     */
    public static INDArray fromSpikeGradient(INDArray spikeGradient) {
        return fromSpikeGradient(Nd4jAlgebra.INSTANCE, spikeGradient);
    }

    /**
     * {@link #fromSpikeGradient(INDArray)} in any tensor algebra.
     *
     * @param a             the algebra
     * @param spikeGradient dL/ds, any layout
     * @param <T>           the tensor type
     * @return dL/dt = -dL/ds
     */
    public static <T> T fromSpikeGradient(TensorAlgebra<T> a, T spikeGradient) {
        return a.mul(spikeGradient, -1.0);
    }

    /**
     * The inverse conversion, from spike time back to the spike train: dL/ds = -dL/dt. The layers hand dL/ds
     * to each other (as all DL4J layers do) and the time-based losses give dL/dt; this turns the latter into the
     * former.
     *
     * @param timeGradient dL/dt, any shape
     * @return dL/ds = -dL/dt, a new array of the same shape
     */
    public static INDArray toSpikeGradient(INDArray timeGradient) {
        return fromSpikeGradient(timeGradient);   // negation is its own inverse
    }

    /**
     * {@link #fromCountGradient(INDArray, INDArray)} in any tensor algebra: {@code -dL/dn} at every spike.
     *
     * @param a             the algebra
     * @param countGradient dL/dn, broadcastable against {@code spikes} (the time axis of size 1)
     * @param spikes        spikes (0/1)
     * @param <T>           the tensor type
     * @return dL/dt, shape of {@code spikes}
     */
    public static <T> T fromCountGradient(TensorAlgebra<T> a, T countGradient, T spikes) {
        return a.mul(spikes, a.mul(countGradient, -1.0));
    }

    /**
     * Converts a gradient with respect to spike counts to spike time: every spike of neuron (n, c) gets
     * -dL/dn[n, c], since each spike adds one to the count; steps without a spike get 0.
     *
     * @param countGradient dL/dn {@code [mb, classes]}
     * @param spikes        spikes {@code [mb, classes, T]}, weighting each step (0/1)
     * @return dL/dt {@code [mb, classes, T]}, in the spikes' data type
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static INDArray fromCountGradient(INDArray countGradient, INDArray spikes) {
        if (spikes.rank() != 3 || countGradient.rank() != 2 || countGradient.size(0) != spikes.size(0)
                || countGradient.size(1) != spikes.size(1)) {
            throw new IllegalArgumentException("rate-to-time: count gradient must be [mb, classes] and spikes "
                    + "[mb, classes, T] with the same mb and classes, got " + Arrays.toString(countGradient.shape())
                    + " and " + Arrays.toString(spikes.shape()));
        }
        INDArray perNeuron = countGradient.castTo(spikes.dataType()).reshape(spikes.size(0), spikes.size(1), 1);
        return fromCountGradient(Nd4jAlgebra.INSTANCE, perNeuron, spikes);
    }
}
