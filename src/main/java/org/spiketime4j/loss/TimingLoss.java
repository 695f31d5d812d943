package org.spiketime4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.shade.jackson.annotation.JsonCreator;

/**
 * {@code timing}: a loss on spike times, in the time domain (no rate-to-time sign flip). The k-th output
 * spike of a neuron is compared with the k-th spike of its target train (target trains as in ALGORITHM.md
 * section 3; times counted 1..T, a missing spike at time T+1): delta_k = (t_k - target_k + 0.5) / T.
 * On the label neuron only delta_k &gt; 0 counts (late, or exactly on time); on the other neurons, whose target
 * is silence, every output spike counts -1/sqrt(C). The value is 1/2 sum of the counted delta_k^2 over all
 * slots k = 1..T, including the label neuron's missing spikes; the gradient, at each output spike, is its
 * delta_k.
 *
 * <p>Spikes must be exactly 0 or 1. The label neuron is handled by a short loop over the examples.
 *
 * <pre>{@code
 * TimingLoss loss = new TimingLoss();
 * INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
 * spikes.putScalar(new long[] {0, 3, 4}, 1.0);                     // a wrong neuron fires at t = 4
 * INDArray labels = Nd4j.eye(10).getRows(0);
 * INDArray dLdt = loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
 * // -1/sqrt(10) at [0, 3, 4]: fire later
 * }</pre>
 */
public final class TimingLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The loss has no parameters. */
    @JsonCreator
    public TimingLoss() {
    }

    @Override
    boolean needsBinarySpikes() {
        return true;
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        int mb = batch.batchSize();
        int classes = batch.classes();
        int steps = batch.steps();
        double wrongSpike = -1 / Math.sqrt(classes);
        INDArray gradient = batch.spikes().mul(wrongSpike);
        Broadcast.mul(gradient, batch.oneHot().rsub(1.0), gradient, 0, 1);
        INDArray perExample = gradient.sum(1, 2).muli(wrongSpike / 2).reshape(mb, 1);
        double[] target = TargetTrains.labelTrain(steps);
        for (int n = 0; n < mb; n++) {
            int label = batch.labelIndex()[n];
            double[] train = batch.spikes().slice(n).getRow(label).toDoubleVector();
            int[] outTimes = spikeTimes(train);
            int[] targetTimes = spikeTimes(target);
            double sum = 0;
            for (int k = 0; k < steps; k++) {
                int out = k < outTimes.length ? outTimes[k] : steps + 1;
                int want = k < targetTimes.length ? targetTimes[k] : steps + 1;
                double delta = Math.max((out - want + 0.5) / steps, 0);
                sum += delta * delta;
                if (out <= steps) {
                    gradient.putScalar(new long[] {n, label, out - 1}, delta);
                }
            }
            perExample.putScalar(n, 0, perExample.getDouble(n, 0) + sum / 2);
        }
        return new LossValue(perExample, gradient);
    }

    /** @return the times (1..T) of the spikes of a train, in order */
    private static int[] spikeTimes(double[] train) {
        int[] times = new int[train.length];
        int count = 0;
        for (int t = 0; t < train.length; t++) {
            if (train[t] != 0) {
                times[count++] = t + 1;
            }
        }
        return java.util.Arrays.copyOf(times, count);
    }

    @Override
    public String name() {
        return LossKind.TIMING.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimingLoss;
    }

    @Override
    public int hashCode() {
        return TimingLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "TimingLoss()";
    }
}
