package org.spiketime4j.distributed;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A listener that forwards every call to another one under a lock. ParallelWrapper gives the same listener
 * instances to all its worker threads (it clones only stats-routing listeners), so a listener with state, such
 * as the training monitor, would otherwise count concurrently.
 *
 * @param target the listener to call
 * @param lock   the lock shared by all listeners of one run
 */
record LockedListener(TrainingListener target, Object lock) implements TrainingListener {

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        synchronized (lock) {
            target.iterationDone(model, iteration, epoch);
        }
    }

    @Override
    public void onEpochStart(Model model) {
        synchronized (lock) {
            target.onEpochStart(model);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        synchronized (lock) {
            target.onEpochEnd(model);
        }
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        synchronized (lock) {
            target.onForwardPass(model, activations);
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        synchronized (lock) {
            target.onForwardPass(model, activations);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        synchronized (lock) {
            target.onGradientCalculation(model);
        }
    }

    @Override
    public void onBackwardPass(Model model) {
        synchronized (lock) {
            target.onBackwardPass(model);
        }
    }
}
