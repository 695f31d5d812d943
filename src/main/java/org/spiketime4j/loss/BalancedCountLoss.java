package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code count0}: the balanced counting loss, the paper's ablation. Same value as {@code count}; its
 * spike-time gradient is the {@code count+} gradient minus its mean over all output spikes of the batch, so
 * the summed spike-time gradient at the output is zero. Like {@code count+}, the gradient is not the
 * derivative of the reported value.
 *
 * <p>Example: {@code DocExamplesTest#balancedCountLoss}.
 */
public final class BalancedCountLoss extends CountingLoss {

    private static final long serialVersionUID = 1L;

    /**
     * With label re-weighting on and the sum over the batch, as in the paper.
     *
     * @param targets D and U, not null
     */
    public BalancedCountLoss(TargetCounts targets) {
        this(targets, true, Reduction.SUM);
    }

    /**
     * @param targets       D and U, not null
     * @param reweightLabel whether to multiply the label neuron's gradient by lambda
     * @param reduction     sum or mean over the batch
     */
    public BalancedCountLoss(TargetCounts targets, boolean reweightLabel, Reduction reduction) {
        super(targets, reweightLabel, reduction);
    }

    @JsonCreator
    private BalancedCountLoss(@JsonProperty("desiredCount") double desiredCount,
            @JsonProperty("undesiredCount") double undesiredCount,
            @JsonProperty("reweightLabel") boolean reweightLabel, @JsonProperty("reduction") Reduction reduction) {
        super(new TargetCounts(desiredCount, undesiredCount), reweightLabel, reduction);
    }

    @Override
    LossKind kind() {
        return LossKind.COUNT0;
    }
}
