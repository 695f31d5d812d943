package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

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
     * Adds the supervisory spikes to ND4J arrays.
     *
     * @param spikes spikes {@code [T, N*C]} (sample-major columns: column n*C + c)
     * @param deltaU du of the same forward pass, {@code [T, N*C]}
     * @param labels one-hot labels {@code [N, C]}
     * @return a new spike array with the supervisory spikes added; {@code spikes} is not changed
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static INDArray apply(INDArray spikes, INDArray deltaU, INDArray labels) {
        if (labels.rank() != 2 || labels.length() != spikes.size(1)) {
            throw new IllegalArgumentException("labels must be [N, C] with N*C = " + spikes.size(1) + ", got "
                    + java.util.Arrays.toString(labels.shape()));
        }
        INDArray onLabel = labels.reshape(1, labels.length()).castTo(spikes.dataType());
        int steps = (int) spikes.size(0);
        if (HostTensor.suits(spikes) && HostTensor.suits(deltaU) && HostTensor.suits(onLabel)) {
            // some fifty operations on [T, N*C]: on host arrays they cost microseconds, as ND4J ops about 1 ms
            return apply(HostAlgebra.INSTANCE, steps, HostTensor.of(spikes), HostTensor.of(deltaU),
                    HostTensor.of(onLabel)).toNd4j();
        }
        return apply(Nd4jAlgebra.INSTANCE, steps, spikes, deltaU, onLabel);
    }

    /**
     * Adds the supervisory spikes in any tensor algebra.
     *
     * @param a       the algebra
     * @param steps   T
     * @param spikes  spikes, time on axis 0
     * @param deltaU  du of the same forward pass, shape of {@code spikes}
     * @param onLabel 1 on the label neurons, 0 elsewhere, broadcastable against one row of {@code spikes}
     * @param <T>     the tensor type
     * @return the spikes with the supervisory spikes added (a new tensor)
     */
    public static <T> T apply(TensorAlgebra<T> a, int steps, T spikes, T deltaU, T onLabel) {
        T lastRise = null;                                   // per neuron: the last step with du > 0.05, or 0
        for (int t = 0; t < steps; t++) {
            T rising = a.stepi(a.add(a.row(deltaU, t), -RISE_THRESHOLD));
            lastRise = t == 0 ? a.mul(rising, 0.0)
                    : a.add(a.mul(lastRise, a.rsub(1.0, rising)), a.mul(rising, t));
        }
        T duAtLast = null;
        for (int t = 0; t < steps; t++) {
            T term = a.mul(a.eq(lastRise, t), a.row(deltaU, t));
            duAtLast = t == 0 ? term : a.addi(duAtLast, term);
        }
        T forcedOn = a.mul(onLabel, a.rsub(1.0, a.eq(duAtLast, 0.0)));
        TensorAlgebra.Series<T> out = a.series(steps);
        for (int t = 0; t < steps; t++) {
            out.put(t, a.max(a.row(spikes, t), a.mul(a.eq(lastRise, t), forcedOn)));
        }
        return out.stacked();
    }
}
