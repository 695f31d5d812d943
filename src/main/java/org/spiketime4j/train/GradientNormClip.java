package org.spiketime4j.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.Reduction;
import org.spiketime4j.loss.SpikeTimeLoss;

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

    /**
     * Whether the gradient this clip sees grows with the batch, which data-parallel workers need to know to clip
     * their share of a combined batch ({@code org.spiketime4j.distributed}). The clip runs before DL4J's
     * {@code miniBatch} division, so only the losses decide.
     *
     * @param model a MultiLayerNetwork or ComputationGraph
     * @return true when every output's loss sums over the examples of the batch ({@link Reduction#SUM}, and DL4J's
     *         stock losses, whose gradients are per-example sums); false when every one is a batch mean
     * @throws IllegalArgumentException if the outputs mix the two, or the model is neither network kind
     */
    public static boolean gradientSumsOverBatch(Model model) {
        Set<Reduction> reductions = EnumSet.noneOf(Reduction.class);
        for (Layer output : outputLayers(model)) {
            reductions.add(output.conf().getLayer() instanceof SpikingOutputLayer s
                    && s.getLossFn() instanceof SpikeTimeLoss loss ? loss.getReduction() : Reduction.SUM);
        }
        if (reductions.size() > 1) {
            throw new IllegalArgumentException("the outputs of the network mix sum and mean reductions over the batch: "
                    + "its gradient neither sums nor averages over the examples");
        }
        return !reductions.contains(Reduction.MEAN);
    }

    private static List<Layer> outputLayers(Model model) {
        if (model instanceof MultiLayerNetwork n) {
            return List.of(n.getOutputLayer());
        }
        if (model instanceof ComputationGraph g) {
            List<Layer> out = new ArrayList<>();
            for (int i = 0; i < g.getNumOutputArrays(); i++) {
                out.add(g.getOutputLayer(i));
            }
            return out;
        }
        throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, got "
                + (model == null ? "null" : model.getClass().getName()));
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
