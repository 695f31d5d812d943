package org.spiketime4j.samediff;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.spiketime4j.neuron.WeightStandardization;

/**
 * The parameter hygiene of ALGORITHM.md before every training iteration of {@code sd.fit}: folds gamma into
 * the threshold ({@link WeightStandardization#foldGammaIntoThreshold}: threshold /= gamma, beta /= gamma,
 * gamma = 1, section 4) and clamps the raw weights to {@code [-bound, bound]} (section 2.6, bound 4).
 * Arrays are changed in place; the graph reads them at the next forward pass. Spikes do not change by the
 * fold, so inference needs no listener; {@link #fold(SameDiff)} applies it on demand (before saving, say).
 *
 * <p>Example: {@code DocExamplesTest#spikeTimeLosses}.
 */
public final class ThresholdFoldListener extends BaseListener {

    /** The paper's weight clamp bound. */
    public static final double WEIGHT_BOUND = 4.0;

    private final double weightBound;
    private final List<SpikingParams> layers;

    /**
     * @param weightBound raw weights are clamped to {@code [-weightBound, weightBound]}, &gt; 0
     * @param layers      the spiking layers of the graph
     */
    public ThresholdFoldListener(double weightBound, SpikingParams... layers) {
        if (!(weightBound > 0)) {
            throw new IllegalArgumentException("weightBound must be > 0, got " + weightBound);
        }
        if (layers.length == 0) {
            throw new IllegalArgumentException("give at least one layer's parameters");
        }
        this.weightBound = weightBound;
        this.layers = List.of(layers);
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlMs) {
        fold(sd);
    }

    /**
     * Folds and clamps now.
     *
     * @param sd the graph holding the layers' variables
     * @throws IllegalStateException if some gamma is not &gt; 0
     */
    public void fold(SameDiff sd) {
        for (SpikingParams p : layers) {
            INDArray w = array(sd, p.weight().name());
            Transforms.min(Transforms.max(w, -weightBound, false), weightBound, false);
            WeightStandardization.foldGammaIntoThreshold(array(sd, p.threshold().name()),
                    array(sd, p.gamma().name()), array(sd, p.beta().name()));
        }
    }

    private static INDArray array(SameDiff sd, String name) {
        INDArray a = sd.getArrForVarName(name);
        if (a == null) {
            throw new IllegalStateException("the graph has no array for " + name + " (variables: "
                    + Arrays.toString(sd.variableMap().keySet().toArray()) + ")");
        }
        return a;
    }
}
