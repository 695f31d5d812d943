package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;

/**
 * {@code timing}: a loss on spike times, in the time domain (no rate-to-time sign flip). The k-th output
 * spike of a neuron is compared with the k-th spike of its target train (target trains as in ALGORITHM.md
 * section 3; times counted 1..T, a missing spike at time T+1): delta_k = (t_k - target_k + 0.5) / T.
 * On the label neuron only delta_k &gt; 0 counts (late, or exactly on time); on the other neurons, whose target
 * is silence, every output spike counts -1/sqrt(C). The value is 1/2 sum of the counted delta_k^2 over all
 * slots k = 1..T, including the label neuron's missing spikes; the gradient, at each output spike, is its
 * delta_k.
 *
 * <p>Spikes must be exactly 0 or 1. The label neuron is handled by a short loop over the examples.
 *
 * <pre>{@code
 * TimingLoss loss = new TimingLoss();
 * INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
 * spikes.putScalar(new long[] {0, 3, 4}, 1.0);                     // a wrong neuron fires at t = 4
 * INDArray labels = Nd4j.eye(10).getRows(0);
 * INDArray dLdt = loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
 * // -1/sqrt(10) at [0, 3, 4]: fire later
 * }</pre>
 */
public final class TimingLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The loss has no parameters. */
    @JsonCreator
    public TimingLoss() {
    }

    @Override
    boolean needsBinarySpikes() {
        return true;
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        return byFormula(batch, LossKind.TIMING, LossSettings.MNIST);
    }

    @Override
    public String name() {
        return LossKind.TIMING.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimingLoss;
    }

    @Override
    public int hashCode() {
        return TimingLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "TimingLoss()";
    }
}
