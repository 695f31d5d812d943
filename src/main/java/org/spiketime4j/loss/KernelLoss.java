package org.spiketime4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
        int mb = batch.batchSize();
        int classes = batch.classes();
        int steps = batch.steps();
        INDArray error = batch.spikes().sub(TargetTrains.forBatch(batch)).reshape('c', (long) mb * classes, steps);
        INDArray filter = pspMatrix(steps).castTo(batch.dataType());
        INDArray psp = error.mmul(filter);
        INDArray perExample = psp.mul(psp).reshape('c', mb, (long) classes * steps).sum(true, 1).muli(0.5);
        INDArray spikeGradient = psp.mmul(filter.transpose()).reshape('c', mb, classes, steps);
        return new LossValue(perExample, RateToTime.fromSpikeGradient(spikeGradient));
    }

    /** @return K with p = e K for row vectors over time: K[t', t] = (1 - 1/tau_s)^(t - t') / tau_s for t &gt;= t' */
    private INDArray pspMatrix(int steps) {
        double decay = 1 - 1 / tauSynSteps;
        double[][] k = new double[steps][steps];
        for (int from = 0; from < steps; from++) {
            for (int t = from; t < steps; t++) {
                k[from][t] = Math.pow(decay, t - from) / tauSynSteps;
            }
        }
        return Nd4j.createFromArray(k);
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
