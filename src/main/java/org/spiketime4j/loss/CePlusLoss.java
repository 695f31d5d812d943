package org.spiketime4j.loss;

import org.nd4j.shade.jackson.annotation.JsonCreator;

/**
 * {@code CE+}: the enhanced cross-entropy loss on spike counts. Logits z_c = 2 n_c / T, and z_c = -20 where
 * n_c = 0; the value is (T/2) times the softmax cross-entropy averaged over the batch. The spike-time
 * gradient at every spike of neuron (n, c) is -(dL/dz_c) / n_c, and a sample whose label neuron is silent
 * gets no gradient at all. Like {@code count+}, this gradient is not the derivative of the value: the true
 * derivative with respect to a spike would be -(2/T) dL/dz_c.
 *
 * <pre>{@code
 * CePlusLoss loss = new CePlusLoss();
 * INDArray spikes = Nd4j.ones(DataType.DOUBLE, 1, 10, 5);         // every count 5, z_c = 2
 * INDArray labels = Nd4j.eye(10).getRows(1);
 * double value = loss.computeScore(labels, spikes, new ActivationIdentity(), null, false);  // 2.5 ln 10
 * }</pre>
 */
public final class CePlusLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /** The loss has no parameters. */
    @JsonCreator
    public CePlusLoss() {
    }

    @Override
    LossValue evaluate(SpikeBatch batch) {
        return byFormula(batch, LossKind.CE_PLUS, LossSettings.MNIST);
    }

    @Override
    public String name() {
        return LossKind.CE_PLUS.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CePlusLoss;
    }

    @Override
    public int hashCode() {
        return CePlusLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "CePlusLoss()";
    }
}
