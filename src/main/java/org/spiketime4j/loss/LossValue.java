package org.spiketime4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a loss computes for one batch.
 *
 * @param perExample   each example's share of the reported value, {@code [mb, 1]}; their sum is the value
 * @param timeGradient the spike-time gradient dL/dt_k, {@code [mb, classes, T]}
 * @param value        the reported value: the sum of {@code perExample}, in its data type
 */
record LossValue(INDArray perExample, INDArray timeGradient, double value) {
}
