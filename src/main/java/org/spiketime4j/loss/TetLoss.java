package org.spiketime4j.loss;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * {@code TET}: the temporal efficient training loss. At every step the spikes s[t] (0/1 values read as
 * logits) go through softmax cross-entropy against the label; each example's value is the mean over the
 * steps ({@link LossFormulas#tet}), and the batch mean is the default reduction, as in the reference. The
 * gradient is the exact derivative converted to spike time, -dL/ds, at every step.
 *
 * <p>Example: {@code DocExamplesTest#tetLoss}.
 */
public final class TetLoss extends FormulaLoss {

    private static final long serialVersionUID = 1L;

    /** With the reference's reduction, {@link Reduction#MEAN}. */
    public TetLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction sum or mean over the batch (null: {@link Reduction#MEAN}) */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public TetLoss(@JsonProperty("reduction") Reduction reduction) {
        super(reduction, Reduction.MEAN);
    }

    @Override
    public <T> LossFormulas.Result<T> formula(TensorAlgebra<T> a, int steps, int classes, T spikes, T oneHot) {
        return LossFormulas.tet(a, steps, spikes, oneHot);
    }

    @Override
    public String name() {
        return LossKind.TET.cliName();
    }

    @Override
    Map<String, Object> parameters() {
        return Map.of();
    }
}
