package org.spiketime4j.train;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training listener that clips the global gradient norm, as {@code clip_grad_norm_} does: when the
 * L2 norm of all gradients together exceeds {@code maxNorm}, every gradient is multiplied by
 * {@code maxNorm / (norm + 1e-6)}. It runs after the backward pass and before the updater (DL4J's
 * gradient normalization is per layer only). Serializable, so that Spark can ship it to every executor.
 *
 * <p>Example: {@code DocExamplesTest#paperOptimiser}.
 */
public final class GradientNormClip extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double maxNorm;
    private double lastNorm = Double.NaN;

    /** @param maxNorm the largest allowed global norm, &gt; 0 */
    public GradientNormClip(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    /** @return the largest allowed global norm */
    public double maxNorm() {
        return maxNorm;
    }

    /** @return the global gradient norm before clipping, at the last iteration */
    public double lastNorm() {
        return lastNorm;
    }

    @Override
    public void onGradientCalculation(Model model) {
        INDArray grads = flatGradients(model);
        if (grads == null) {
            return;
        }
        lastNorm = grads.norm2Number().doubleValue();
        double coef = maxNorm / (lastNorm + 1e-6);
        if (coef < 1) {
            grads.muli(coef);
        }
    }

    private static INDArray flatGradients(Model model) {
        if (model instanceof MultiLayerNetwork n) {
            return n.getGradientsViewArray();
        }
        if (model instanceof ComputationGraph g) {
            return g.getGradientsViewArray();
        }
        return model.gradient() == null ? null : model.gradient().gradient();
    }
}
