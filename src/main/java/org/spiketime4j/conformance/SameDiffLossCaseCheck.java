package org.spiketime4j.conformance;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.loss.RateToTime;
import org.spiketime4j.samediff.GradientFunction;
import org.spiketime4j.samediff.SpikeTimeLosses;
import org.spiketime4j.samediff.SpikeVariable;

/**
 * Checks {@code loss} cases through {@link SpikeTimeLosses}: the loss variable's value must be the case's
 * {@code loss}, and its gradient at the spikes, dL/ds, the case's {@code grad_spikes} (dL/dt) converted.
 */
final class SameDiffLossCaseCheck implements CaseCheck {

    @Override
    public String kind() {
        return "loss";
    }

    @Override
    public void check(ConformanceCase c, Comparison cmp) {
        INDArray spikes = c.array("spikes").permute(1, 2, 0).dup('c');
        SameDiff sd = SameDiff.create();
        SDVariable s = sd.var("spikes", spikes);
        SDVariable labels = sd.constant("labels", LayerCaseCheck.oneHot(c.array("labels"), spikes.size(1), c.name()));
        SDVariable loss = SpikeTimeLosses.loss(sd, LossCaseCheck.loss(c),
                SpikeVariable.timed(s, (int) spikes.size(2), spikes.size(1)), labels);
        sd.setLossVariables(loss);
        cmp.close("loss", c.array("loss").getDouble(0), sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0));
        GradientFunction.create(sd);
        INDArray grad = sd.calculateGradients(Map.of(), "spikes").get("spikes");
        // the loss hands dL/ds to the spikes, as between layers; the case holds dL/dt
        cmp.close("grad_spikes", c.array("grad_spikes"), RateToTime.fromSpikeGradient(grad).permute(2, 0, 1));
    }
}
