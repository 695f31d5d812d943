package org.spiketime4j.conformance;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.FormulaLoss;
import org.spiketime4j.loss.TargetCounts;

/**
 * Checks {@code loss} cases: from the output {@code spikes} (time-first {@code T,N,C}) and {@code labels}
 * (class indices stored as float64, shape {@code [N]}), the loss named by {@code "loss"} in case.json, with
 * {@code desired_count}, {@code undesired_count} and {@code tau_s} where that loss uses them, must report
 * {@code loss} and hand back {@code grad_spikes} (the spike-time gradient, {@code T,N,C}).
 */
public final class LossCaseCheck implements CaseCheck {

    /** Creates the check. */
    public LossCaseCheck() {
    }

    @Override
    public String kind() {
        return "loss";
    }

    @Override
    public void check(ConformanceCase testCase, Comparison result) {
        FormulaLoss loss = loss(testCase);
        INDArray spikes = SpikeLayout.toBatchFirst(testCase.array("spikes"));
        INDArray labels = LayerCaseCheck.oneHot(testCase.array("labels"), spikes.size(1), testCase.name());
        Pair<Double, INDArray> out = loss.computeGradientAndScore(labels, spikes, new ActivationIdentity(), null, false);
        result.close("loss", testCase.array("loss").getDouble(0), out.getFirst());
        result.close("grad_spikes", SpikeLayout.toBatchFirst(testCase.array("grad_spikes")), out.getSecond());
    }

    /**
     * The loss a case asks for: the one named by {@code loss}, with its {@code desired_count} and
     * {@code undesired_count} (read by the counting losses) and {@code tau_s} (read by the kernel loss), label
     * re-weighting on and the reference's reduction.
     *
     * @param c the case
     * @return the loss
     */
    static FormulaLoss loss(ConformanceCase c) {
        return LossKind.fromName(c.text("loss")).create(
                new TargetCounts(c.number("desired_count"), c.number("undesired_count")), c.number("tau_s"));
    }
}
