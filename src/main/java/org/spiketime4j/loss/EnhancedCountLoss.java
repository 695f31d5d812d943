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
 * <pre>{@code
 * EnhancedCountLoss loss = new EnhancedCountLoss(5, 1, true);
 * INDArray spikes = Nd4j.ones(DataType.DOUBLE, 1, 10, 5);         // every neuron fires at every step
 * INDArray labels = Nd4j.eye(10).getRows(3);                       // one-hot [1, 10]
 * INDArray dLdt = loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
 * // label neuron: n~ = 5 = D, so 0; others: -(5 - 1) / (5 * 5) = -0.16 at every step
 * }</pre>
 */
public class EnhancedCountLoss extends CountingLoss {

    private static final long serialVersionUID = 1L;

    /**
     * @param desiredCount   D, the label neuron's target count, &gt; undesiredCount
     * @param undesiredCount U, the other neurons' target count, &gt;= 0
     * @param reweightLabel  whether to multiply the label neuron's gradient by lambda
     */
    @JsonCreator
    public EnhancedCountLoss(@JsonProperty("desiredCount") double desiredCount,
                             @JsonProperty("undesiredCount") double undesiredCount,
                             @JsonProperty("reweightLabel") boolean reweightLabel) {
        super(desiredCount, undesiredCount, reweightLabel);
    }

    @Override
    LossKind kind() {
        return LossKind.COUNT_PLUS;
    }

    @Override
    public String name() {
        return LossKind.COUNT_PLUS.cliName();
    }
}
