package org.spiketime4j.conformance;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.loss.RateToTime;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.samediff.GradientFunction;
import org.spiketime4j.samediff.SpikeLayer;
import org.spiketime4j.samediff.SpikeVariable;
import org.spiketime4j.samediff.SpikingOps;
import org.spiketime4j.samediff.SpikingParams;

/**
 * Checks the {@code dense} and {@code conv} kinds through the SameDiff ops: a one-layer graph in double
 * precision with the case's parameters (gamma not folded, as in the reference's layer), the input as a
 * variable so that its gradient exists, and a loss {@code sum(-grad_output * spikes)} whose gradient at the
 * spikes, dL/ds, is the case's {@code grad_output} (dL/dt) converted; the input's gradient, dL/ds, is converted
 * back to dL/dt for the comparison.
 */
final class SameDiffLayerCaseCheck implements CaseCheck {

    private final String kind;

    SameDiffLayerCaseCheck(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void check(ConformanceCase c, Comparison cmp) {
        SrmNeuron neuron = LayerCaseCheck.neuronOf(c);
        INDArray weight = c.array("weight_raw");
        INDArray input = SpikeLayout.toBatchFirst(c.array("input"));
        boolean outputLayer = c.flag("output_layer", false);
        long nOut = weight.size(0);

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("input", input);
        SpikingParams p = SpikingParams.of(sd, "layer", weight, c.array("gamma"), c.array("beta"),
                c.array("threshold"));
        SpikeLayer layer;
        if ("conv".equals(kind)) {
            SpikeVariable x = SpikeVariable.timed(in, neuron.timeSteps(), input.size(1), input.size(3), input.size(4));
            layer = SpikingOps.conv2d(sd, neuron, x, p, c.has("stride") ? c.integer("stride") : 1,
                    c.integer("padding"));
        } else {
            SDVariable labels = outputLayer ? sd.constant("labels", LayerCaseCheck.oneHot(c.array("labels"), nOut, c.name()))
                    : null;
            layer = SpikingOps.dense(sd, neuron, SpikeVariable.timed(in, neuron.timeSteps(), input.size(1)), p, labels);
        }
        SDVariable weightHat = SpikingOps.standardizedWeight(sd, p);
        SDVariable gradOutput = sd.constant("grad_output", SpikeLayout.toBatchFirst(c.array("grad_output")));
        SDVariable loss = layer.spikes().value().mul(gradOutput.neg()).sum();
        loss.markAsLoss();

        Map<String, INDArray> out = sd.output(Map.of(), layer.spikes().value().name(),
                layer.rawSpikes().value().name(), layer.deltaU().name(), layer.gradTrace().name(), weightHat.name());
        cmp.close("weight_standardized", c.array("weight_standardized"), out.get(weightHat.name()));
        INDArray raw = SpikeLayout.toTimeMajor(out.get(layer.rawSpikes().value().name()));
        cmp.exact("output", c.array("output"), SpikeLayout.toTimeMajor(out.get(layer.spikes().value().name())));
        if (c.hasArray("spikes_raw")) {
            cmp.exact("spikes_raw", c.array("spikes_raw"), raw);
        }
        for (String[] pair : new String[][]{{"delta_u", layer.deltaU().name()},
                {"delta_u_exp", layer.gradTrace().name()}}) {
            if (c.hasArray(pair[0])) {
                INDArray expected = c.array(pair[0]);
                cmp.close(pair[0], expected, out.get(pair[1]).reshape(expected.shape()));
            }
        }

        GradientFunction.create(sd);
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "input", "layer/W", "layer/gamma", "layer/beta");
        cmp.close("grad_input", c.array("grad_input"),
                SpikeLayout.toTimeMajor(RateToTime.fromSpikeGradient(g.get("input"))));
        cmp.close("grad_weight_raw", c.array("grad_weight_raw"), g.get("layer/W"));
        cmp.close("grad_gamma", c.array("grad_gamma"), g.get("layer/gamma").reshape(nOut));
        cmp.close("grad_beta", c.array("grad_beta"), g.get("layer/beta").reshape(nOut));
    }
}
