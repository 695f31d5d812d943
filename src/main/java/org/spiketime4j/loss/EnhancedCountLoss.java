package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code count+}: the enhanced counting loss, the paper's proposal and the default. It reports the same value
 * as {@code count}, sum (n~ - target)^2 / (2T), but its spike-time gradient at every spike of neuron (n, c)
 * is -lambda_c (n~ - target) / (T n~), and 0 where n~ = 0: the count gradient divided by the count, so that
 * the summed gradient at the output stays adequately positive once the label neuron fires.
 *
 * <p><b>The gradient is NOT the derivative of the reported value</b> (it is that derivative divided by n~);
 * a finite-difference check of the value does not apply to this loss.
 *
 * <p>Example: {@code DocExamplesTest#enhancedCountLoss}.
 */
public final class EnhancedCountLoss extends CountingLoss {

    private static final long serialVersionUID = 1L;

    /**
     * With label re-weighting on and the sum over the batch, as in the paper.
     *
     * @param targets D and U, not null
     */
    public EnhancedCountLoss(TargetCounts targets) {
        this(targets, true, Reduction.SUM);
    }

    /**
     * @param targets       D and U, not null
     * @param reweightLabel whether to multiply the label neuron's gradient by lambda
     * @param reduction     sum or mean over the batch
     */
    public EnhancedCountLoss(TargetCounts targets, boolean reweightLabel, Reduction reduction) {
        super(targets, reweightLabel, reduction);
    }

    @JsonCreator
    private EnhancedCountLoss(@JsonProperty("desiredCount") double desiredCount,
            @JsonProperty("undesiredCount") double undesiredCount,
            @JsonProperty("reweightLabel") boolean reweightLabel, @JsonProperty("reduction") Reduction reduction) {
        super(new TargetCounts(desiredCount, undesiredCount), reweightLabel, reduction);
    }

    @Override
    LossKind kind() {
        return LossKind.COUNT_PLUS;
    }
}
