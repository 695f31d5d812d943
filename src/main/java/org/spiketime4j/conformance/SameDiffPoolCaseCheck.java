package org.spiketime4j.conformance;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.samediff.GradientFunction;
import org.spiketime4j.samediff.SpikeVariable;
import org.spiketime4j.samediff.SpikingOps;

/** Checks the {@code pool} kind through {@link SpikingOps#pool}. */
final class SameDiffPoolCaseCheck implements CaseCheck {

    @Override
    public String kind() {
        return "pool";
    }

    @Override
    public void check(ConformanceCase c, Comparison cmp) {
        INDArray input = SpikeLayout.toBatchFirst(c.array("input"));
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("input", input);
        SpikeVariable pooled = SpikingOps.pool(sd, SpikeVariable.timed(in, (int) input.size(2), input.size(1),
                input.size(3), input.size(4)), c.integer("kernel"));
        SDVariable gradOutput = sd.constant("grad_output", SpikeLayout.toBatchFirst(c.array("grad_output")));
        pooled.value().mul(gradOutput).sum().markAsLoss();
        INDArray out = sd.output(Map.of(), pooled.value().name()).get(pooled.value().name());
        cmp.close("output", c.array("output"), SpikeLayout.toTimeMajor(out));
        GradientFunction.create(sd);
        INDArray gradIn = sd.calculateGradients(Map.of(), "input").get("input");
        cmp.close("grad_input", c.array("grad_input"), SpikeLayout.toTimeMajor(gradIn));
    }
}
