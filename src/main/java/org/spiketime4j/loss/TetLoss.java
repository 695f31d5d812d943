package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;

/**
 * {@code TET}: the temporal efficient training loss. At every step the spikes s[t] (0/1 values read as
 * logits) go through softmax cross-entropy against the label; the value is the mean over samples and steps.
 * The gradient is the exact derivative converted to spike time, -dL/ds, at every step.
 *
 * <pre>{@code
 * TetLoss loss = new TetLoss();
 * INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
 * INDArray labels = Nd4j.eye(10).getRows(4);
 * double value = loss.computeScore(labels, spikes, new ActivationIdentity(), null, false);   // ln 10
 * }</pre>
 */
public final class TetLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The loss has no parameters. */
    @JsonCreator
    public TetLoss() {
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        return byFormula(batch, LossKind.TET, LossSettings.MNIST);
    }

    @Override
    public String name() {
        return LossKind.TET.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TetLoss;
    }

    @Override
    public int hashCode() {
        return TetLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "TetLoss()";
    }
}
