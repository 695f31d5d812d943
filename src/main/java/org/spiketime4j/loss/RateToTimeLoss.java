package org.spiketime4j.loss;

import java.util.Objects;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Turns any rate-based DL4J loss on spike counts into a time-based loss, through {@link RateToTime}. The
 * wrapped loss sees the spike counts {@code [mb, classes]} (summed over T, identity activation) against
 * target counts: D on the label neuron, U on the others. Its gradient dL/dn becomes -dL/dn at every spike.
 * Value and per-example values are the wrapped loss's own ({@code computeScoreArray} of the counts).
 *
 * <pre>{@code
 * RateToTimeLoss loss = new RateToTimeLoss(new LossMSE(), 5, 1);
 * INDArray spikes = Nd4j.ones(DataType.DOUBLE, 1, 10, 5);
 * INDArray labels = Nd4j.eye(10).getRows(0);
 * INDArray dLdt = loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
 * // label neuron: n = 5 = D, so 0; others: -2 (5 - 1) / 10 = -0.8 at every step
 * }</pre>
 */
public final class RateToTimeLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The wrapped loss on spike counts. */
    private final ILossFunction countLoss;
    /** The label neuron's target count. */
    private final double desiredCount;
    /** The other neurons' target count. */
    private final double undesiredCount;

    /**
     * @param countLoss      a DL4J loss applied to spike counts, not null
     * @param desiredCount   the label neuron's target count, &gt; undesiredCount
     * @param undesiredCount the other neurons' target count, &gt;= 0
     */
    @JsonCreator
    public RateToTimeLoss(@JsonProperty("countLoss") ILossFunction countLoss,
                          @JsonProperty("desiredCount") double desiredCount,
                          @JsonProperty("undesiredCount") double undesiredCount) {
        if (countLoss == null) {
            throw new IllegalArgumentException("countLoss must not be null");
        }
        LossSettings.checkCounts(desiredCount, undesiredCount);
        this.countLoss = countLoss;
        this.desiredCount = desiredCount;
        this.undesiredCount = undesiredCount;
    }

    /** @return the wrapped loss on spike counts */
    public ILossFunction getCountLoss() {
        return countLoss;
    }

    /** @return the label neuron's target count */
    public double getDesiredCount() {
        return desiredCount;
    }

    /** @return the other neurons' target count */
    public double getUndesiredCount() {
        return undesiredCount;
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        INDArray counts = batch.counts();
        INDArray targets = batch.oneHot().mul(desiredCount - undesiredCount).addi(undesiredCount);
        ActivationIdentity identity = new ActivationIdentity();
        INDArray perExample = countLoss.computeScoreArray(targets, counts, identity, null)
                .castTo(batch.dataType()).reshape(batch.batchSize(), 1);
        INDArray countGradient = countLoss.computeGradient(targets, counts.dup(), identity, null);
        return new LossValue(perExample, RateToTime.fromCountGradient(countGradient, batch.spikes()));
    }

    @Override
    public String name() {
        return "rate-to-time(" + countLoss.name() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateToTimeLoss r && r.countLoss.equals(countLoss) && r.desiredCount == desiredCount
                && r.undesiredCount == undesiredCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(countLoss, desiredCount, undesiredCount);
    }

    @Override
    public String toString() {
        return "RateToTimeLoss(countLoss=" + countLoss + ", desiredCount=" + desiredCount + ", undesiredCount="
                + undesiredCount + ")";
    }
}
