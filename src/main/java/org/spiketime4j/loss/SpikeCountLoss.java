package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code count}: the mean-square counting loss. Value sum (n~ - target)^2 / (2T); at every spike of neuron
 * (n, c) the spike-time gradient is -lambda_c (n~ - target) / T (see {@link CountingLoss}). With
 * re-weighting off, the gradient is the derivative of the value with respect to each spike, sign flipped.
 *
 * <pre>{@code
 * SpikeCountLoss loss = new SpikeCountLoss(5, 1, true);
 * INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 2, 10, 5);       // [mb, classes, T]
 * INDArray labels = Nd4j.eye(10).getRows(3, 7);                   // one-hot [mb, classes]
 * double value = loss.computeScore(labels, spikes, new ActivationIdentity(), null, false);  // 2 * 25 / 10 = 5
 * }</pre>
 */
public final class SpikeCountLoss extends CountingLoss {

    private static final long serialVersionUID = 1L;

    /**
     * @param desiredCount   D, the label neuron's target count, &gt; undesiredCount
     * @param undesiredCount U, the other neurons' target count, &gt;= 0
     * @param reweightLabel  whether to multiply the label neuron's gradient by lambda
     */
    @JsonCreator
    public SpikeCountLoss(@JsonProperty("desiredCount") double desiredCount,
                          @JsonProperty("undesiredCount") double undesiredCount,
                          @JsonProperty("reweightLabel") boolean reweightLabel) {
        super(desiredCount, undesiredCount, reweightLabel);
    }

    @Override
    LossKind kind() {
        return LossKind.COUNT;
    }

    @Override
    public String name() {
        return LossKind.COUNT.cliName();
    }
}
