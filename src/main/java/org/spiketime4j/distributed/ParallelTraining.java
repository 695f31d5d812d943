package org.spiketime4j.distributed;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.train.EpochTrainer;
import org.spiketime4j.train.TrainingMonitor;

/**
 * Data-parallel training in one JVM with DL4J's {@link ParallelWrapper} in AVERAGING mode: each worker thread
 * trains a replica on its own batches, and every {@code averagingFrequency} rounds the parameters and the updater
 * state (the moments of {@code ReferenceAdam}) are averaged over the workers. Works for any spiking
 * {@link MultiLayerNetwork} or {@link ComputationGraph}:
 *
 * (Usage: the README, section Distributed training; {@code ParallelTrainingTest} runs it.)
 *
 * <p>What it adds to a bare {@code ParallelWrapper}: the network's own listeners (the gradient-norm clip, a
 * monitor) go to every worker behind one lock, since ParallelWrapper hands the same instances to all threads,
 * each {@code GradientNormClip} as a copy with the threshold of a worker's share of the combined batch
 * ({@code WorkerClip}: maxNorm / workers when the loss sums over the batch);
 * the epoch ends as in {@code fit(iterator)} ({@code onEpochStart}/{@code onEpochEnd} on the driver, epoch count
 * incremented, which ParallelWrapper does not do and the epoch-wise cosine schedule needs), and the network keeps
 * its listeners and its updater state afterwards (DL4J's trainers drop the updater when they stop); no worker trains before all hold their replica ({@link ReplicasFirstContext}: DL4J's
 * own trainers race there). The iteration count advances by one per round (worker 0 trains the network itself),
 * which is the step count of Adam's bias correction. SHARED_GRADIENTS mode is not offered: it deadlocks in DL4J
 * 1.0.0-M2.1 even for stock networks.
 *
 * @param workers            worker threads, &gt;= 2
 * @param averagingFrequency rounds between averagings, &gt;= 1 (1: after every step)
 * @param prefetch           batches prefetched per worker, &gt;= 0
 */
public record ParallelTraining(int workers, int averagingFrequency, int prefetch) implements EpochTrainer {

    /** Validates the settings. */
    public ParallelTraining {
        if (workers < 2) {
            throw new IllegalArgumentException("workers must be >= 2 (ParallelWrapper's minimum), got " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averagingFrequency must be >= 1, got " + averagingFrequency);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
        }
    }

    /**
     * @param workers            worker threads, &gt;= 2
     * @param averagingFrequency rounds between averagings, &gt;= 1
     */
    public ParallelTraining(int workers, int averagingFrequency) {
        this(workers, averagingFrequency, 2);
    }

    @Override
    public void fitEpoch(MultiLayerNetwork net, DataSetIterator train, TrainingMonitor monitor) {
        fitEpoch(net, train);
    }

    /**
     * Trains one epoch. If the last round does not end on an averaging, the network holds worker 0's parameters.
     *
     * @param model a MultiLayerNetwork or ComputationGraph, initialised (thresholds too)
     * @param train the epoch's batches; each worker takes whole batches
     */
    public void fitEpoch(Model model, DataSetIterator train) {
        List<TrainingListener> listeners = Models.listeners(model);
        for (TrainingListener l : listeners) {
            l.onEpochStart(model);
        }
        Object lock = new Object();
        List<TrainingListener> locked = new ArrayList<>();
        for (TrainingListener l : WorkerClip.forWorkers(model, listeners, workers)) {
            locked.add(new LockedListener(l, lock));
        }
        Runnable restoreUpdater = Models.updaterKeeper(model);
        model.setListeners(new ArrayList<>());   // the builder would move them to the wrapper unlocked
        try (ParallelWrapper wrapper = new ParallelWrapper.Builder<>(model)
                    .workers(workers)
                    .averagingFrequency(averagingFrequency)
                    .averageUpdaters(true)
                    .prefetchBuffer(prefetch)
                    .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                    .workspaceMode(model instanceof MultiLayerNetwork n
                            ? n.getLayerWiseConfigurations().getTrainingWorkspaceMode()
                            : ((ComputationGraph) Models.check(model)).getConfiguration().getTrainingWorkspaceMode())
                    .build()) {
            ReplicasFirstContext.install(wrapper, workers);
            wrapper.setListeners(locked);
            wrapper.fit(train);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("ParallelWrapper failed", e);
        } finally {
            model.setListeners(listeners);
            restoreUpdater.run();
        }
        Models.endEpoch(model, listeners);
    }
}
