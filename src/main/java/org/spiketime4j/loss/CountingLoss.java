package org.spiketime4j.loss;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What the counting losses ({@code count}, {@code count+}, {@code count0}) share (ALGORITHM.md 3.2, 3.3).
 *
 * <p>Targets: D spikes for the label neuron, U for the others. The counts are clamped, n~ = min(n, D) on the
 * label and n~ = max(n, U) elsewhere, so firing more than asked on the label, or less on the others, costs
 * nothing. Value: sum over batch and classes of (n~ - target)^2 / (2T). The count gradient delta =
 * (n~ - target) / T is multiplied on the label neuron by lambda = max(r / 10, 1), r = (sum of n~ off the
 * label + 1e-5) / (sum of n~ on the label + 1e-5) over the whole batch, when re-weighting is on; each
 * subclass then shapes it, and {@link RateToTime#fromCountGradient} turns it into the spike-time gradient.
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

    /**
     * Shapes the (re-weighted) count gradient.
     *
     * @param delta   lambda-weighted (n~ - target) / T, {@code [mb, classes]}
     * @param clamped the clamped counts n~, {@code [mb, classes]}
     * @return dL/dn {@code [mb, classes]} as the rate-to-time conversion takes it
     */
    abstract INDArray countGradient(INDArray delta, INDArray clamped);

    /**
     * Last adjustment of the spike-time gradient; none by default.
     *
     * @param timeGradient dL/dt {@code [mb, classes, T]}
     * @param spikes       the spikes
     * @return the final spike-time gradient
     */
    INDArray adjust(INDArray timeGradient, INDArray spikes) {
        return timeGradient;
    }

    @Override
    final LossValue evaluate(SpikeBatch batch) {
        INDArray label = batch.oneHot();
        INDArray other = label.rsub(1.0);
        INDArray counts = batch.counts();
        INDArray clamped = Transforms.min(counts, desiredCount).muli(label)
                .addi(Transforms.max(counts, undesiredCount).muli(other));
        INDArray target = label.mul(desiredCount).addi(other.mul(undesiredCount));
        int steps = batch.steps();
        INDArray delta = clamped.sub(target).divi(steps);
        INDArray perExample = delta.mul(delta).sum(true, 1).muli(steps / 2.0);
        if (reweightLabel) {
            double ratio = (clamped.mul(other).sumNumber().doubleValue() + 1e-5)
                    / (clamped.mul(label).sumNumber().doubleValue() + 1e-5);
            double lambda = Math.max(ratio / 10, 1);
            delta.muli(label.mul(lambda - 1).addi(1.0));
        }
        INDArray time = RateToTime.fromCountGradient(countGradient(delta, clamped), batch.spikes());
        return new LossValue(perExample, adjust(time, batch.spikes()));
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
