package org.spiketime4j.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * What the counting losses ({@code count}, {@code count+}, {@code count0}) share (ALGORITHM.md 3.2, 3.3).
 *
 * <p>Targets: D spikes for the label neuron, U for the others ({@link TargetCounts}). The counts are
 * clamped, so firing more than asked on the label, or less on the others, costs nothing; with re-weighting,
 * the label neuron's count gradient is multiplied by lambda = max(r / 10, 1). The formula is
 * {@link LossFormulas#counting}; each subclass picks its gradient shape, and
 * {@link RateToTime#fromCountGradient} turns it into the spike-time gradient. The reduction defaults to
 * {@link Reduction#SUM}, as in the reference.
 *
 * <p>JSON: {@code desiredCount}, {@code undesiredCount}, {@code reweightLabel} and {@code reduction} (models
 * saved before the reduction existed load with {@link Reduction#SUM}).
 */
public abstract class CountingLoss extends FormulaLoss {

    private static final long serialVersionUID = 1L;

    /** D and U. */
    private final TargetCounts targets;
    /** Whether the label neuron's gradient is multiplied by lambda. */
    private final boolean reweightLabel;

    /**
     * @param targets       D and U, not null
     * @param reweightLabel whether to multiply the label neuron's gradient by lambda
     * @param reduction     sum or mean over the batch (null: {@link Reduction#SUM})
     */
    CountingLoss(TargetCounts targets, boolean reweightLabel, Reduction reduction) {
        super(reduction, Reduction.SUM);
        if (targets == null) {
            throw new IllegalArgumentException("targets must not be null");
        }
        this.targets = targets;
        this.reweightLabel = reweightLabel;
    }

    /** @return D and U */
    public TargetCounts targets() {
        return targets;
    }

    /** @return D, the label neuron's target count */
    public double getDesiredCount() {
        return targets.desiredCount();
    }

    /** @return U, the other neurons' target count */
    public double getUndesiredCount() {
        return targets.undesiredCount();
    }

    /** @return whether the label neuron's gradient is multiplied by lambda */
    public boolean isReweightLabel() {
        return reweightLabel;
    }

    /** @return which counting loss this is */
    abstract LossKind kind();

    @Override
    public final <T> LossFormulas.Result<T> formula(TensorAlgebra<T> a, int steps, int classes, T spikes,
                                                   T oneHot) {
        return LossFormulas.counting(a, kind(), targets, reweightLabel, steps, spikes, oneHot);
    }

    @Override
    public String name() {
        return kind().cliName();
    }

    @Override
    final Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("desiredCount", targets.desiredCount());
        p.put("undesiredCount", targets.undesiredCount());
        p.put("reweightLabel", reweightLabel);
        return p;
    }
}
