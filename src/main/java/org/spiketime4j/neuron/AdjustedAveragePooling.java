package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Upsampling2d;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Average pooling of spike maps (k x k windows, stride k; rows and columns that do not fill a window
 * are dropped) with the spike-count-adjusted backward: each position of a window whose pooled value
 * stands for c = k^2 x value input spikes gets {@code (incoming gradient) / c}, and 0 when c = 0.
 * The layer below keeps only positions that spiked.
 */
public final class AdjustedAveragePooling {

    private AdjustedAveragePooling() {
    }

    /**
     * @param input  maps {@code [B, H, W]} (B = every leading axis flattened)
     * @param kernel window size k &gt;= 1
     * @return pooled maps {@code [B, H/k, W/k]}
     */
    public static INDArray forward(INDArray input, int kernel) {
        return windowSums(input, kernel).divi((double) kernel * kernel);
    }

    /**
     * @param input    the forward pass's input maps {@code [B, H, W]}
     * @param gradOut  gradient at the pooled maps {@code [B, H/k, W/k]}
     * @param kernel   window size k
     * @return gradient at the input maps {@code [B, H, W]} (zero in cropped rows and columns)
     */
    public static INDArray backward(INDArray input, INDArray gradOut, int kernel) {
        INDArray counts = windowSums(input, kernel);
        INDArray hasSpikes = Transforms.step(counts, true);                        // 1 where c > 0
        INDArray perSpike = gradOut.mul(hasSpikes).divi(counts.add(hasSpikes.rsub(1.0)));  // c = 0: 0 / 1
        long b = input.size(0);
        long oh = counts.size(1);
        long ow = counts.size(2);
        INDArray spread = Nd4j.exec(new Upsampling2d(perSpike.reshape('c', b, 1, oh, ow), kernel, kernel, true))[0]
                .reshape('c', b, oh * kernel, ow * kernel);
        if (oh * kernel == input.size(1) && ow * kernel == input.size(2)) {
            return spread;
        }
        INDArray full = input.ulike().assign(0.0);
        full.get(NDArrayIndex.all(), NDArrayIndex.interval(0, oh * kernel), NDArrayIndex.interval(0, ow * kernel))
                .assign(spread);
        return full;
    }

    private static INDArray windowSums(INDArray input, int kernel) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("pooling input must be [B, H, W], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        if (kernel < 1 || kernel > input.size(1) || kernel > input.size(2)) {
            throw new IllegalArgumentException("kernel must be in [1, min(H, W)] = [1, "
                    + Math.min(input.size(1), input.size(2)) + "], got " + kernel);
        }
        long b = input.size(0);
        long oh = input.size(1) / kernel;
        long ow = input.size(2) / kernel;
        INDArray x = input;
        if (oh * kernel != input.size(1) || ow * kernel != input.size(2)) {
            x = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, oh * kernel), NDArrayIndex.interval(0, ow * kernel));
        }
        return x.dup('c').reshape('c', b, oh, kernel, ow, kernel).sum(2, 4);
    }
}
