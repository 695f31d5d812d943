package org.spiketime4j.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.spiketime4j.loss.LossFormulas;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.LossSettings;

/**
 * The time-based losses as SameDiff loss variables. The value and the spike-time gradient G are computed
 * in the graph by {@link LossFormulas} (the formulas the DL4J losses are checked against), and the loss
 * variable is {@code sg(value) + (sum(sg(G) s) - sg(sum(sg(G) s)))}: it reports the loss's value and hands
 * G back to the output spikes s, which the spiking ops read as dL/dt.
 *
 * <pre>{@code
 * SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, 10);
 * SpikeLayer out = SpikingOps.dense(sd, neuron, hidden, outParams, labels);
 * SDVariable loss = SpikeTimeLosses.loss(sd, LossKind.COUNT_PLUS, LossSettings.MNIST, out.spikes(), labels);
 * sd.setLossVariables(loss);
 * }</pre>
 */
public final class SpikeTimeLosses {

    private SpikeTimeLosses() {
    }

    /**
     * Adds a loss variable.
     *
     * @param sd       the graph
     * @param kind     which loss
     * @param settings its numbers (counts for the counting losses, tau_s for the kernel loss)
     * @param spikes   output spikes {@code [mb, C, T]} (with the supervisory spike in training)
     * @param labels   one-hot labels {@code [mb, C]}
     * @return the scalar loss variable (a sum over the batch, or a batch mean for TET, CE+ and TTFS, as in
     *         the DL4J losses); mark it with {@code sd.setLossVariables}
     */
    public static SDVariable loss(SameDiff sd, LossKind kind, LossSettings settings, SpikeVariable spikes,
                                  SDVariable labels) {
        if (spikes.isMaps() || spikes.isStatic()) {
            throw new IllegalArgumentException(kind + " loss: spikes must be spike trains [mb, C, T], got " + spikes);
        }
        SameDiffAlgebra a = new SameDiffAlgebra(sd);
        SDVariable timeMajor = spikes.value().permute(2, 0, 1);
        LossFormulas.Result<SDVariable> r = LossFormulas.evaluate(a, kind, settings, spikes.timeSteps(),
                (int) spikes.channels(), a.stopGradient(timeMajor),
                a.stopGradient(labels.castTo(spikes.value().dataType())));
        SDVariable carrier = a.stopGradient(r.timeGradient()).mul(timeMajor).sum();
        return SpikingOps.withGradient(a, r.perExample().sum(), carrier);
    }
}
