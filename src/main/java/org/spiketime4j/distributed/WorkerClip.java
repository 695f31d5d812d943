package org.spiketime4j.distributed;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.spiketime4j.train.GradientNormClip;

/**
 * The global gradient-norm clip as the data-parallel workers apply it. {@link GradientNormClip} bounds the
 * gradient of one optimiser step; with W workers of b examples each and parameters averaged after every step,
 * one round is one step on the combined batch of W b examples, of which each worker computes only its share.
 * When the loss sums over the examples of the batch ({@code Reduction.SUM}: the paper's setting, and DL4J's stock
 * losses; {@link GradientNormClip#gradientSumsOverBatch} says which), the combined gradient is the sum of the W
 * shares and the averaged step follows their mean, the combined gradient / W: a worker clips its share at
 * {@code maxNorm / W}, as the combined gradient would be clipped if the worker's batch were typical of the combined
 * one. When the loss is a batch mean ({@code Reduction.MEAN}), the combined gradient is the mean of the shares and
 * a worker clips at {@code maxNorm}. The clip sees the loss's gradient before DL4J's {@code miniBatch} division,
 * so {@code miniBatch} plays no part. With an averaging
 * frequency above 1 the workers keep this threshold for their steps between averagings.
 *
 * <p>With W identical batches the workers' clipped gradients are then exactly 1/W of (SUM) or equal to (MEAN) the
 * combined batch's, and Adam's step is that of one process on the combined batch ({@code ParallelTrainingTest},
 * {@code SparkTrainingTest}). The network's own clip instances stay with the network and are not called.
 */
final class WorkerClip {

    private WorkerClip() {
    }

    /**
     * @param model     a MultiLayerNetwork or ComputationGraph
     * @param listeners its listeners
     * @param workers   the number of workers, &gt;= 1
     * @return the listeners, each {@link GradientNormClip} replaced by one with the workers' threshold
     * @throws IllegalArgumentException if a clip is attached and the outputs mix sum and mean reductions (no one
     *                                  threshold is right for both)
     */
    static List<TrainingListener> forWorkers(Model model, List<TrainingListener> listeners, int workers) {
        List<TrainingListener> out = new ArrayList<>();
        for (TrainingListener l : listeners) {
            out.add(l instanceof GradientNormClip c ? new GradientNormClip(c.maxNorm() * share(model, workers)) : l);
        }
        return out;
    }

    /**
     * @param model   a MultiLayerNetwork or ComputationGraph
     * @param workers the number of workers, &gt;= 1
     * @return the factor from the combined batch's clip threshold to a worker's: 1 / workers for a sum over the
     *         batch, 1 for a mean
     */
    static double share(Model model, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        try {
            return GradientNormClip.gradientSumsOverBatch(Models.check(model)) ? 1.0 / workers : 1;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": a worker's gradient-norm clip cannot match the "
                    + "combined batch's (use one reduction, or leave GradientNormClip out)", e);
        }
    }
}
