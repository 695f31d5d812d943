package org.spiketime4j.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.spiketime4j.loss.FormulaLoss;
import org.spiketime4j.loss.LossFormulas;

/**
 * The time-based losses as SameDiff loss variables. The value and the spike-time gradient G are computed
 * in the graph by the loss's own formula ({@link FormulaLoss#reducedFormula}, the code the DL4J losses run),
 * and the loss variable is {@code sg(value) + (sum(-sg(G) s) - sg(sum(-sg(G) s)))}: it reports the loss's value
 * and hands dL/ds = -G back to the output spikes s, the gradient that passes between all layers
 * ({@link org.spiketime4j.loss.RateToTime}).
 *
 * <p>Example: {@code DocExamplesTest#spikeTimeLosses}.
 */
public final class SpikeTimeLosses {

    private SpikeTimeLosses() {
    }

    /**
     * Adds a loss variable.
     *
     * @param sd       the graph
     * @param loss     the loss, with its parameters and reduction
     * @param spikes   output spikes {@code [mb, C, T]} (with the supervisory spike in training)
     * @param labels   one-hot labels {@code [mb, C]}
     * @return the scalar loss variable (the loss's reduction over the batch, as in the DL4J loss); mark it
     *         with {@code sd.setLossVariables}
     */
    public static SDVariable loss(SameDiff sd, FormulaLoss loss, SpikeVariable spikes, SDVariable labels) {
        if (spikes.isMaps() || spikes.isStatic()) {
            throw new IllegalArgumentException(loss.name() + " loss: spikes must be spike trains [mb, C, T], got " + spikes);
        }
        SameDiffAlgebra a = new SameDiffAlgebra(sd);
        SDVariable timeMajor = spikes.value().permute(2, 0, 1);
        LossFormulas.Result<SDVariable> r = loss.reducedFormula(a, spikes.timeSteps(),
                (int) spikes.channels(), a.stopGradient(timeMajor),
                a.stopGradient(labels.castTo(spikes.value().dataType())));
        SDVariable carrier = a.stopGradient(r.timeGradient()).neg().mul(timeMajor).sum();
        return SpikingOps.withGradient(a, r.perExample().sum(), carrier);
    }
}
