package org.spiketime4j.loss;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * {@code TTFS}: the time-to-first-spike loss. Each neuron's logit is z = 1 - t_first / T (t_first the step of
 * its first spike), z = -3 if it is silent; each example's value is T times the softmax cross-entropy
 * ({@link LossFormulas#ttfs}), and the batch mean is the default reduction, as in the reference. The
 * spike-time gradient sits at the first spike only: -dL/dz (z plays the part of a count, and the
 * rate-to-time sign applies); later spikes and silent neurons get 0. Spikes must be exactly 0 or 1.
 *
 * <p>Example: {@code DocExamplesTest#ttfsLoss}.
 */
public final class TtfsLoss extends FormulaLoss {

    private static final long serialVersionUID = 1L;

    /** With the reference's reduction, {@link Reduction#MEAN}. */
    public TtfsLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction sum or mean over the batch (null: {@link Reduction#MEAN}) */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public TtfsLoss(@JsonProperty("reduction") Reduction reduction) {
        super(reduction, Reduction.MEAN);
    }

    @Override
    boolean needsBinarySpikes() {
        return true;
    }

    @Override
    public <T> LossFormulas.Result<T> formula(TensorAlgebra<T> a, int steps, int classes, T spikes, T oneHot) {
        return LossFormulas.ttfs(a, steps, spikes, oneHot);
    }

    @Override
    public String name() {
        return LossKind.TTFS.cliName();
    }

    @Override
    Map<String, Object> parameters() {
        return Map.of();
    }
}
