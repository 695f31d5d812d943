package org.spiketime4j.loss;

import java.util.Objects;

/**
 * What the counting losses ({@code count}, {@code count+}, {@code count0}) share (ALGORITHM.md 3.2, 3.3).
 *
 * <p>Targets: D spikes for the label neuron, U for the others. The counts are clamped, n~ = min(n, D) on the
 * label and n~ = max(n, U) elsewhere, so firing more than asked on the label, or less on the others, costs
 * nothing. Value: sum over batch and classes of (n~ - target)^2 / (2T). The count gradient delta =
 * (n~ - target) / T is multiplied on the label neuron by lambda = max(r / 10, 1), r = (sum of n~ off the
 * label + 1e-5) / (sum of n~ on the label + 1e-5) over the whole batch, when re-weighting is on; each
 * subclass then shapes it, and {@link RateToTime#fromCountGradient} turns it into the spike-time gradient. The
 * formulas live in {@link LossFormulas}.
 */
public abstract class CountingLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** D, the label neuron's target count. */
    private final double desiredCount;
    /** U, the other neurons' target count. */
    private final double undesiredCount;
    /** Whether the label neuron's gradient is multiplied by lambda. */
    private final boolean reweightLabel;

    /**
     * @param desiredCount   D, the label neuron's target count, &gt; undesiredCount
     * @param undesiredCount U, the other neurons' target count, &gt;= 0
     * @param reweightLabel  whether to multiply the label neuron's gradient by lambda
     */
    CountingLoss(double desiredCount, double undesiredCount, boolean reweightLabel) {
        LossSettings.checkCounts(desiredCount, undesiredCount);
        this.desiredCount = desiredCount;
        this.undesiredCount = undesiredCount;
        this.reweightLabel = reweightLabel;
    }

    /** @return D, the label neuron's target count */
    public double getDesiredCount() {
        return desiredCount;
    }

    /** @return U, the other neurons' target count */
    public double getUndesiredCount() {
        return undesiredCount;
    }

    /** @return whether the label neuron's gradient is multiplied by lambda */
    public boolean isReweightLabel() {
        return reweightLabel;
    }

    /** @return which counting loss this is */
    abstract LossKind kind();

    @Override
    final LossValue evaluate(SpikeBatch batch) {
        return byFormula(batch, kind(), new LossSettings(desiredCount, undesiredCount,
                LossSettings.MNIST.tauSynSteps(), reweightLabel));
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((CountingLoss) o).desiredCount == desiredCount
                && ((CountingLoss) o).undesiredCount == undesiredCount
                && ((CountingLoss) o).reweightLabel == reweightLabel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), desiredCount, undesiredCount, reweightLabel);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(desiredCount=" + desiredCount + ", undesiredCount=" + undesiredCount
                + ", reweightLabel=" + reweightLabel + ")";
    }
}
