package org.spiketime4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * How {@link TrainingRun} trains one epoch: in this process ({@link #LOCAL}), or data-parallel on
 * several workers ({@code org.spiketime4j.distributed}). Whatever the engine, after the call the network holds
 * the trained parameters and updater state, its epoch count is one higher and its iteration count has
 * advanced by the number of optimiser steps, and the monitor holds the epoch's statistics.
 */
public interface EpochTrainer {

    /** Plain {@code MultiLayerNetwork.fit} in this process: the monitor is one of the network's listeners. */
    EpochTrainer LOCAL = (net, train, monitor) -> net.fit(train);

    /**
     * @return the number of data-parallel workers: one optimiser step consumes this many batches, which is the
     *         first step's data that threshold initialisation sees
     */
    default int workers() {
        return 1;
    }

    /**
     * Trains one epoch.
     *
     * @param net     the network, with its listeners attached (the monitor among them)
     * @param train   the epoch's training batches (one batch per worker step)
     * @param monitor the run's monitor, also attached to {@code net}
     */
    void fitEpoch(MultiLayerNetwork net, DataSetIterator train, TrainingMonitor monitor);
}
