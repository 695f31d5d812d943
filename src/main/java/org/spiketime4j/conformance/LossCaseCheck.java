package org.spiketime4j.conformance;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
        LossSettings defaults = LossSettings.MNIST;
        LossSettings settings = new LossSettings(
                kind.usesCounts() ? testCase.number("desired_count") : defaults.desiredCount(),
                kind.usesCounts() ? testCase.number("undesired_count") : defaults.undesiredCount(),
                kind.usesTau() ? testCase.number("tau_s") : defaults.tauSynSteps(),
                true);
        SpikeTimeLoss loss = kind.create(settings);
        INDArray spikes = timeFirstToRnn(testCase.array("spikes"));
        INDArray labels = oneHot(testCase.array("labels"), spikes.size(1), testCase.name());
        Pair<Double, INDArray> out = loss.computeGradientAndScore(labels, spikes, new ActivationIdentity(), null, false);
        result.close("loss", testCase.array("loss").getDouble(0), out.getFirst());
        result.close("grad_spikes", timeFirstToRnn(testCase.array("grad_spikes")), out.getSecond());
    }

    private static INDArray timeFirstToRnn(INDArray timeFirst) {
        return timeFirst.permute(1, 2, 0).dup('c');
    }

    private static INDArray oneHot(INDArray classIndex, long classes, String caseName) {
        long n = classIndex.length();
        INDArray out = Nd4j.zeros(classIndex.dataType(), n, classes);
        for (long i = 0; i < n; i++) {
            double c = classIndex.getDouble(i);
            if (c != Math.rint(c) || c < 0 || c >= classes) {
                throw new IllegalArgumentException("case " + caseName + ": labels[" + i + "] = " + c
                        + " is not a class index in [0, " + classes + ")");
            }
            out.putScalar(i, (long) c, 1.0);
        }
        return out;
    }
}
