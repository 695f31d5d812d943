package org.spiketime4j.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.Nd4jAlgebra;

/**
 * Turns any rate-based DL4J loss on spike counts into a time-based loss, through {@link RateToTime}. The
 * wrapped loss sees the spike counts {@code [mb, classes]} (summed over T, identity activation) against
 * target counts: D on the label neuron, U on the others. Its gradient dL/dn becomes -dL/dn at every spike.
 * Per-example values are the wrapped loss's own ({@code computeScoreArray} of the counts), summed over the
 * batch by default. This loss has no SameDiff form: it is not a {@link FormulaLoss}.
 *
 * <p>Example: {@code DocExamplesTest#rateToTimeLoss}.
 */
public final class RateToTimeLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The wrapped loss on spike counts. */
    private final ILossFunction countLoss;
    /** D and U. */
    private final TargetCounts targets;

    /**
     * Summed over the batch.
     *
     * @param countLoss a DL4J loss applied to spike counts, not null
     * @param targets   D and U, not null
     */
    public RateToTimeLoss(ILossFunction countLoss, TargetCounts targets) {
        this(countLoss, targets, Reduction.SUM);
    }

    /**
     * @param countLoss a DL4J loss applied to spike counts, not null
     * @param targets   D and U, not null
     * @param reduction sum or mean over the batch (null: {@link Reduction#SUM})
     */
    public RateToTimeLoss(ILossFunction countLoss, TargetCounts targets, Reduction reduction) {
        super(reduction, Reduction.SUM);
        if (countLoss == null) {
            throw new IllegalArgumentException("countLoss must not be null");
        }
        if (targets == null) {
            throw new IllegalArgumentException("targets must not be null");
        }
        this.countLoss = countLoss;
        this.targets = targets;
    }

    @JsonCreator
    private RateToTimeLoss(@JsonProperty("countLoss") ILossFunction countLoss,
                           @JsonProperty("desiredCount") double desiredCount,
                           @JsonProperty("undesiredCount") double undesiredCount,
                           @JsonProperty("reduction") Reduction reduction) {
        this(countLoss, new TargetCounts(desiredCount, undesiredCount), reduction);
    }

    /** @return the wrapped loss on spike counts */
    public ILossFunction getCountLoss() {
        return countLoss;
    }

    /** @return D and U */
    public TargetCounts targets() {
        return targets;
    }

    /** @return the label neuron's target count */
    public double getDesiredCount() {
        return targets.desiredCount();
    }

    /** @return the other neurons' target count */
    public double getUndesiredCount() {
        return targets.undesiredCount();
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        INDArray counts = batch.counts();
        INDArray oneHot = batch.oneHot();
        INDArray wanted = oneHot.mul(targets.desiredCount() - targets.undesiredCount())
                .addi(targets.undesiredCount());
        ActivationIdentity identity = new ActivationIdentity();
        INDArray perExample = countLoss.computeScoreArray(wanted, counts, identity, null)
                .castTo(batch.dataType()).reshape(batch.batchSize(), 1);
        INDArray countGradient = countLoss.computeGradient(wanted, counts.dup(), identity, null);
        LossFormulas.Result<INDArray> r = LossFormulas.reduce(Nd4jAlgebra.INSTANCE, new LossFormulas.Result<>(
                perExample, RateToTime.fromCountGradient(countGradient, batch.spikes())), getReduction(),
                oneHot);
        return new LossValue(r.perExample(), r.timeGradient(), r.perExample().sumNumber().doubleValue());
    }

    @Override
    public String name() {
        return "rate-to-time(" + countLoss.name() + ")";
    }

    @Override
    Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("countLoss", countLoss);
        p.put("desiredCount", targets.desiredCount());
        p.put("undesiredCount", targets.undesiredCount());
        return p;
    }
}
