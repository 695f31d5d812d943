package org.spiketime4j.loss;

import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * {@code kernel}: the spike-train distance. The difference e = s - target (target trains as in
 * ALGORITHM.md section 3) is filtered by the PSP y[t] = (1 - 1/tau_s) y[t-1] + e[t], p[t] = y[t] / tau_s; the
 * value is 1/2 sum over classes and steps of p^2 per example ({@link LossFormulas#kernel}), summed over the
 * batch by default. The gradient is the exact derivative converted to spike time, dL/dt = -dL/ds, at every
 * step (not only at spikes). tau_s is the output neuron's synaptic time constant: build the loss with
 * {@link #KernelLoss(SrmNeuron)}.
 *
 * <p>Example: {@code DocExamplesTest#kernelLoss}.
 */
public final class KernelLoss extends FormulaLoss {

    private static final long serialVersionUID = 1L;

    /** tau_s of the PSP filter in time steps. */
    private final double tauSynSteps;

    /**
     * The paper's kernel loss for a network of these neurons: tau_s is the neuron's, the sum over the batch.
     *
     * @param neuron the output layer's neuron constants, not null
     */
    public KernelLoss(SrmNeuron neuron) {
        this(neuron.tauSynSteps(), Reduction.SUM);
    }

    /**
     * @param tauSynSteps tau_s of the PSP filter in time steps, finite and &gt;= 1
     * @param reduction   sum or mean over the batch (null: {@link Reduction#SUM})
     */
    @JsonCreator
    public KernelLoss(@JsonProperty("tauSynSteps") double tauSynSteps,
                      @JsonProperty("reduction") Reduction reduction) {
        super(reduction, Reduction.SUM);
        checkTau(tauSynSteps);
        this.tauSynSteps = tauSynSteps;
    }

    /**
     * Checks a PSP time constant.
     *
     * @param tauSynSteps the time constant in steps
     * @throws IllegalArgumentException unless finite and {@code >= 1}
     */
    static void checkTau(double tauSynSteps) {
        if (!(tauSynSteps >= 1) || !Double.isFinite(tauSynSteps)) {
            throw new IllegalArgumentException("tauSynSteps must be finite and >= 1, got " + tauSynSteps);
        }
    }

    /** @return tau_s of the PSP filter in time steps */
    public double getTauSynSteps() {
        return tauSynSteps;
    }

    @Override
    public <T> LossFormulas.Result<T> formula(TensorAlgebra<T> a, int steps, int classes, T spikes, T oneHot) {
        return LossFormulas.kernel(a, tauSynSteps, steps, spikes, oneHot);
    }

    @Override
    public String name() {
        return LossKind.KERNEL.cliName();
    }

    @Override
    Map<String, Object> parameters() {
        return Map.of("tauSynSteps", tauSynSteps);
    }
}
