package org.spiketime4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonCreator;

/**
 * {@code TTFS}: the time-to-first-spike loss. Each neuron's logit is z = 1 - t_first / T (t_first the step of
 * its first spike), z = -3 if it is silent; the value is T times the softmax cross-entropy averaged over the
 * batch. The spike-time gradient sits at the first spike only: -dL/dz (z plays the part of a count, and the
 * rate-to-time sign applies); later spikes and silent neurons get 0. Spikes must be exactly 0 or 1.
 *
 * <pre>{@code
 * TtfsLoss loss = new TtfsLoss();
 * INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
 * spikes.putScalar(new long[] {0, 6, 2}, 1.0);                     // neuron 6 fires first at t = 2
 * INDArray labels = Nd4j.eye(10).getRows(6);
 * INDArray dLdt = loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
 * // positive at [0, 6, 2] only: fire earlier
 * }</pre>
 */
public final class TtfsLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The logit given to a silent neuron. */
    static final double SILENT_LOGIT = -3;

    /** The loss has no parameters. */
    @JsonCreator
    public TtfsLoss() {
    }

    @Override
    boolean needsBinarySpikes() {
        return true;
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        int mb = batch.batchSize();
        int steps = batch.steps();
        INDArray spikes = batch.spikes();
        INDArray first = spikes.mul(runningCount(spikes).eq(1).castTo(batch.dataType()));
        INDArray stepIndex = Nd4j.linspace(0, steps - 1, steps, batch.dataType());
        INDArray firstTime = Broadcast.mul(first.dup(), stepIndex, first.ulike(), 2).sum(2);
        INDArray fired = first.sum(2);
        INDArray logits = firstTime.div(-steps).addi(1.0).muli(fired).addi(fired.rsub(1.0).muli(SILENT_LOGIT));
        CrossEntropy ce = CrossEntropy.of(logits, batch.oneHot());
        double scale = (double) steps / mb;
        INDArray logitGradient = ce.gradient(batch.oneHot()).muli(scale);
        return new LossValue(ce.perRow().mul(scale), RateToTime.fromCountGradient(logitGradient, first));
    }

    /**
     * The number of spikes so far at each step, as one matmul with an upper-triangular matrix of ones
     * (ND4J's {@code cumsum} overflows the stack on arrays of shape [1, 1, 1]).
     *
     * @param spikes {@code [mb, classes, T]}
     * @return running counts, same shape
     */
    private static INDArray runningCount(INDArray spikes) {
        long mb = spikes.size(0);
        long classes = spikes.size(1);
        long steps = spikes.size(2);
        INDArray upper = Nd4j.ones(spikes.dataType(), steps, steps);
        for (long t = 1; t < steps; t++) {
            upper.get(NDArrayIndex.point(t), NDArrayIndex.interval(0, t)).assign(0);
        }
        return spikes.reshape('c', mb * classes, steps).mmul(upper).reshape('c', mb, classes, steps);
    }

    @Override
    public String name() {
        return LossKind.TTFS.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TtfsLoss;
    }

    @Override
    public int hashCode() {
        return TtfsLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "TtfsLoss()";
    }
}
