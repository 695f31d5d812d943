package org.spiketime4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy of logit rows against one-hot rows, computed stably (max subtracted).
 *
 * @param probabilities softmax of each row, {@code [rows, classes]}
 * @param perRow        -log p(label) of each row, {@code [rows, 1]}
 */
record CrossEntropy(INDArray probabilities, INDArray perRow) {

    /**
     * @param logits {@code [rows, classes]}
     * @param oneHot {@code [rows, classes]}
     * @return probabilities and per-row cross-entropy
     */
    static CrossEntropy of(INDArray logits, INDArray oneHot) {
        INDArray max = logits.max(true, 1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray exp = Transforms.exp(shifted, true);
        INDArray sum = exp.sum(true, 1);
        INDArray logSum = Transforms.log(sum, true);
        INDArray perRow = logSum.sub(shifted.mul(oneHot).sum(true, 1));
        return new CrossEntropy(exp.divColumnVector(sum), perRow);
    }

    /**
     * @param oneHot the labels the cross-entropy was taken against
     * @return dCE/dlogits for each row, softmax minus one-hot
     */
    INDArray gradient(INDArray oneHot) {
        return probabilities.sub(oneHot);
    }
}
