package org.spiketime4j.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A validated batch of output spikes with its labels, as the losses see it.
 *
 * @param spikes      output spikes {@code [mb, classes, T]}
 * @param oneHot      one-hot labels {@code [mb, classes]}, same data type as {@code spikes}
 */
record SpikeBatch(INDArray spikes, INDArray oneHot) {

    /** @return the mini-batch size */
    int batchSize() {
        return (int) spikes.size(0);
    }

    /** @return the number of classes (output neurons) */
    int classes() {
        return (int) spikes.size(1);
    }

    /** @return the number of time steps */
    int steps() {
        return (int) spikes.size(2);
    }

    /** @return the data type all computations use */
    DataType dataType() {
        return spikes.dataType();
    }

    /** @return spike counts {@code [mb, classes]} */
    INDArray counts() {
        return spikes.sum(2);
    }
}
