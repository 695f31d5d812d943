package org.spiketime4j.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.neuron.HostTensor;

/**
 * A validated batch of output spikes with its labels, as the losses see it.
 *
 * @param spikes     output spikes {@code [mb, classes, T]}
 * @param labels     one-hot labels {@code [mb, classes]}, checked, in any data type
 * @param hostSpikes the spikes copied to host memory when they are small enough for {@code HostAlgebra}
 *                   ({@link HostTensor#suits}), else null
 * @param hostOneHot the labels on the host in the spikes' data type when {@code hostSpikes} is set, else null
 */
record SpikeBatch(INDArray spikes, INDArray labels, HostTensor hostSpikes, HostTensor hostOneHot) {

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

    /** @return one-hot labels {@code [mb, classes]} as a new ND4J array in the spikes' data type */
    INDArray oneHot() {
        return labels.castTo(dataType()).dup('c');
    }

    /** @return spike counts {@code [mb, classes]} */
    INDArray counts() {
        return spikes.sum(2);
    }
}
