package org.spiketime4j.loss;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * {@code CE+}: the enhanced cross-entropy loss on spike counts. Logits z_c = 2 n_c / T, and z_c = -20 where
 * n_c = 0; each example's value is (T/2) times the softmax cross-entropy ({@link LossFormulas#cePlus}), and
 * the batch mean is the default reduction, as in the reference. The spike-time gradient at every spike of
 * neuron (n, c) is -(dL/dz_c) / n_c, and a sample whose label neuron is silent gets no gradient at all. Like
 * {@code count+}, this gradient is not the derivative of the value: the true derivative with respect to a
 * spike would be -(2/T) dL/dz_c.
 *
 * <p>Example: {@code DocExamplesTest#cePlusLoss}.
 */
public final class CePlusLoss extends FormulaLoss {

    private static final long serialVersionUID = 1L;

    /** With the reference's reduction, {@link Reduction#MEAN}. */
    public CePlusLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction sum or mean over the batch (null: {@link Reduction#MEAN}) */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public CePlusLoss(@JsonProperty("reduction") Reduction reduction) {
        super(reduction, Reduction.MEAN);
    }

    @Override
    public <T> LossFormulas.Result<T> formula(TensorAlgebra<T> a, int steps, int classes, T spikes, T oneHot) {
        return LossFormulas.cePlus(a, steps, spikes, oneHot);
    }

    @Override
    public String name() {
        return LossKind.CE_PLUS.cliName();
    }

    @Override
    Map<String, Object> parameters() {
        return Map.of();
    }
}
