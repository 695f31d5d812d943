package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code count}: the mean-square counting loss. Value sum (n~ - target)^2 / (2T); at every spike of neuron
 * (n, c) the spike-time gradient is -lambda_c (n~ - target) / T (see {@link CountingLoss}). With
 * re-weighting off, the gradient is the derivative of the value with respect to each spike, sign flipped.
 *
 * <p>Example: {@code DocExamplesTest#spikeCountLoss}.
 */
public final class SpikeCountLoss extends CountingLoss {

    private static final long serialVersionUID = 1L;

    /**
     * With label re-weighting on and the sum over the batch, as in the paper.
     *
     * @param targets D and U, not null
     */
    public SpikeCountLoss(TargetCounts targets) {
        this(targets, true, Reduction.SUM);
    }

    /**
     * @param targets       D and U, not null
     * @param reweightLabel whether to multiply the label neuron's gradient by lambda
     * @param reduction     sum or mean over the batch
     */
    public SpikeCountLoss(TargetCounts targets, boolean reweightLabel, Reduction reduction) {
        super(targets, reweightLabel, reduction);
    }

    @JsonCreator
    private SpikeCountLoss(@JsonProperty("desiredCount") double desiredCount,
            @JsonProperty("undesiredCount") double undesiredCount,
            @JsonProperty("reweightLabel") boolean reweightLabel, @JsonProperty("reduction") Reduction reduction) {
        super(new TargetCounts(desiredCount, undesiredCount), reweightLabel, reduction);
    }

    @Override
    LossKind kind() {
        return LossKind.COUNT;
    }
}
