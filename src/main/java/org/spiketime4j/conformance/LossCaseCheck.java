package org.spiketime4j.conformance;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.LossSettings;
import org.spiketime4j.loss.SpikeTimeLoss;

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
        LossKind kind = LossKind.fromName(testCase.text("loss"));
        SpikeTimeLoss loss = kind.create(settings(testCase, kind));
        INDArray spikes = SpikeLayout.toBatchFirst(testCase.array("spikes"));
        INDArray labels = LayerCaseCheck.oneHot(testCase.array("labels"), spikes.size(1), testCase.name());
        Pair<Double, INDArray> out = loss.computeGradientAndScore(labels, spikes, new ActivationIdentity(), null, false);
        result.close("loss", testCase.array("loss").getDouble(0), out.getFirst());
        result.close("grad_spikes", SpikeLayout.toBatchFirst(testCase.array("grad_spikes")), out.getSecond());
    }

    /**
     * The loss settings a case asks for: its D/U for the counting losses, its tau_s for the kernel loss,
     * the MNIST values where the loss does not use them, label re-weighting on.
     *
     * @param c    the case
     * @param kind its loss
     * @return the settings
     */
    static LossSettings settings(ConformanceCase c, LossKind kind) {
        LossSettings defaults = LossSettings.MNIST;
        return new LossSettings(
                kind.usesCounts() ? c.number("desired_count") : defaults.desiredCount(),
                kind.usesCounts() ? c.number("undesired_count") : defaults.undesiredCount(),
                kind.usesTau() ? c.number("tau_s") : defaults.tauSynSteps(), true);
    }
}
