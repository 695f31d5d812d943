package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;

/**
 * {@code TTFS}: the time-to-first-spike loss. Each neuron's logit is z = 1 - t_first / T (t_first the step of
 * its first spike), z = -3 if it is silent; the value is T times the softmax cross-entropy averaged over the
 * batch. The spike-time gradient sits at the first spike only: -dL/dz (z plays the part of a count, and the
 * rate-to-time sign applies); later spikes and silent neurons get 0. Spikes must be exactly 0 or 1.
 *
 * <pre>{@code
 * TtfsLoss loss = new TtfsLoss();
 * INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
 * spikes.putScalar(new long[] {0, 6, 2}, 1.0);                     // neuron 6 fires first at t = 2
 * INDArray labels = Nd4j.eye(10).getRows(6);
 * INDArray dLdt = loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
 * // positive at [0, 6, 2] only: fire earlier
 * }</pre>
 */
public final class TtfsLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The loss has no parameters. */
    @JsonCreator
    public TtfsLoss() {
    }

    @Override
    boolean needsBinarySpikes() {
        return true;
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        return byFormula(batch, LossKind.TTFS, LossSettings.MNIST);
    }

    @Override
    public String name() {
        return LossKind.TTFS.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TtfsLoss;
    }

    @Override
    public int hashCode() {
        return TtfsLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "TtfsLoss()";
    }
}
