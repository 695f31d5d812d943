package org.spiketime4j.distributed;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.train.TrainingMonitor;

/**
 * The executor-side stand-in for the driver's {@link TrainingMonitor}: a monitor without output counts each
 * batch a Spark executor trains, and the batch's statistics go to the driver through a {@link StatsAccumulator}.
 */
final class ExecutorMonitor extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private final StatsAccumulator stats;
    private transient TrainingMonitor monitor;

    /** @param stats the accumulator registered on the driver */
    ExecutorMonitor(StatsAccumulator stats) {
        this.stats = stats;
    }

    private TrainingMonitor monitor() {
        if (monitor == null) {
            monitor = new TrainingMonitor(1, null);
        }
        return monitor;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        monitor().onForwardPass(model, activations);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        monitor().onForwardPass(model, activations);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        TrainingMonitor m = monitor();
        m.iterationDone(model, iteration, epoch);
        TrainingMonitor.EpochStats batch = m.snapshot();
        if (batch.batches() > 0) {
            stats.add(batch);
        }
        m.onEpochStart(model);
    }
}
