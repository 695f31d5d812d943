package org.spiketime4j.loss;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * {@code timing}: a loss on spike times, in the time domain (no rate-to-time sign flip). The k-th output
 * spike of a neuron is compared with the k-th spike of its target train (target trains as in ALGORITHM.md
 * section 3; times counted 1..T, a missing spike at time T+1): delta_k = (t_k - target_k + 0.5) / T.
 * On the label neuron only delta_k &gt; 0 counts (late, or exactly on time); on the other neurons, whose target
 * is silence, every output spike counts -1/sqrt(C). The value is 1/2 sum of the counted delta_k^2 over all
 * slots k = 1..T, including the label neuron's missing spikes ({@link LossFormulas#timing}), summed over the
 * batch by default; the gradient, at each output spike, is its delta_k. Spikes must be exactly 0 or 1.
 *
 * <p>Example: {@code DocExamplesTest#timingLoss}.
 */
public final class TimingLoss extends FormulaLoss {

    private static final long serialVersionUID = 1L;

    /** With the reference's reduction, {@link Reduction#SUM}. */
    public TimingLoss() {
        this(Reduction.SUM);
    }

    /** @param reduction sum or mean over the batch (null: {@link Reduction#SUM}) */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public TimingLoss(@JsonProperty("reduction") Reduction reduction) {
        super(reduction, Reduction.SUM);
    }

    @Override
    boolean needsBinarySpikes() {
        return true;
    }

    @Override
    public <T> LossFormulas.Result<T> formula(TensorAlgebra<T> a, int steps, int classes, T spikes, T oneHot) {
        return LossFormulas.timing(a, steps, classes, spikes, oneHot);
    }

    @Override
    public String name() {
        return LossKind.TIMING.cliName();
    }

    @Override
    Map<String, Object> parameters() {
        return Map.of();
    }
}
