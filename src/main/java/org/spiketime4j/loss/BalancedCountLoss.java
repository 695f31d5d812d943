package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code count0}: the balanced counting loss, the paper's ablation. Same value as {@code count}; its
 * spike-time gradient is the {@code count+} gradient minus its mean over all output spikes of the batch, so
 * the summed spike-time gradient at the output is zero. Like {@code count+}, the gradient is not the
 * derivative of the reported value.
 *
 * <pre>{@code
 * BalancedCountLoss loss = new BalancedCountLoss(5, 1, true);
 * INDArray spikes = Nd4j.rand(DataType.DOUBLE, 4, 10, 5).gt(0.5).castTo(DataType.DOUBLE);
 * INDArray labels = Nd4j.eye(10).getRows(0, 1, 2, 3);
 * double total = loss.summedSpikeTimeGradient(labels, spikes);   // 0 up to rounding
 * }</pre>
 */
public final class BalancedCountLoss extends EnhancedCountLoss {

    private static final long serialVersionUID = 1L;

    /**
     * @param desiredCount   D, the label neuron's target count, &gt; undesiredCount
     * @param undesiredCount U, the other neurons' target count, &gt;= 0
     * @param reweightLabel  whether to multiply the label neuron's gradient by lambda
     */
    @JsonCreator
    public BalancedCountLoss(@JsonProperty("desiredCount") double desiredCount,
                             @JsonProperty("undesiredCount") double undesiredCount,
                             @JsonProperty("reweightLabel") boolean reweightLabel) {
        super(desiredCount, undesiredCount, reweightLabel);
    }

    @Override
    LossKind kind() {
        return LossKind.COUNT0;
    }

    @Override
    public String name() {
        return LossKind.COUNT0.cliName();
    }
}
