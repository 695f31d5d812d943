package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code kernel}: the spike-train distance. The difference e = s - target (target trains as in
 * ALGORITHM.md section 3) is filtered by the PSP y[t] = (1 - 1/tau_s) y[t-1] + e[t], p[t] = y[t] / tau_s; the
 * value is 1/2 sum over batch, classes and steps of p^2. The gradient is the exact derivative converted to
 * spike time, dL/dt = -dL/ds, at every step (not only at spikes).
 *
 * <pre>{@code
 * KernelLoss loss = new KernelLoss(3);                            // tau_s = 3 steps
 * INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
 * INDArray labels = Nd4j.eye(10).getRows(2);
 * INDArray dLdt = loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
 * // positive on the label neuron: it should fire (earlier)
 * }</pre>
 */
public final class KernelLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** tau_s of the PSP filter in time steps. */
    private final double tauSynSteps;

    /** @param tauSynSteps tau_s of the PSP filter in time steps, &gt;= 1 */
    @JsonCreator
    public KernelLoss(@JsonProperty("tauSynSteps") double tauSynSteps) {
        LossSettings.checkTau(tauSynSteps);
        this.tauSynSteps = tauSynSteps;
    }

    /** @return tau_s of the PSP filter in time steps */
    public double getTauSynSteps() {
        return tauSynSteps;
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        LossSettings counts = LossSettings.MNIST;   // unused by the kernel loss
        return byFormula(batch, LossKind.KERNEL,
                new LossSettings(counts.desiredCount(), counts.undesiredCount(), tauSynSteps, true));
    }

    @Override
    public String name() {
        return LossKind.KERNEL.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelLoss k && k.tauSynSteps == tauSynSteps;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(tauSynSteps);
    }

    @Override
    public String toString() {
        return "KernelLoss(tauSynSteps=" + tauSynSteps + ")";
    }
}
