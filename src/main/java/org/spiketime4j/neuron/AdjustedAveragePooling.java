package org.spiketime4j.neuron;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Average pooling of spike maps (k x k windows, stride k; rows and columns that do not fill a window
 * are dropped) with the spike-count-adjusted backward: each position of a window whose pooled value
 * stands for c = k^2 x value input spikes gets {@code (incoming gradient) / c}, and 0 when c = 0.
 * The layer below keeps only positions that spiked.
 *
 * <p>The window sums and the per-spike factor {@code 1/c} are written once against {@link TensorAlgebra};
 * the backward here spreads {@code gradOut / c} over each window (the transpose of the window sum), which is
 * what automatic differentiation of {@code windowSums(x) * stopGradient(1/c)} gives in SameDiff.
 */
public final class AdjustedAveragePooling {

    private AdjustedAveragePooling() {
    }

    /**
     * @param input  maps {@code [B, H, W]} (B = every leading axis flattened)
     * @param kernel window size k &gt;= 1
     * @return pooled maps {@code [B, H/k, W/k]} (on the CPU backend computed by oneDNN's pooling or by
     *         {@link FusedPooling}: the same numbers for spikes; {@link KernelDispatch} decides)
     */
    public static INDArray forward(INDArray input, int kernel) {
        check(input.shape(), kernel);
        return KernelDispatch.poolForward(input, kernel);
    }

    /**
     * The pooled maps in any tensor algebra: the window sums divided by {@code k^2}.
     *
     * @param a      the algebra
     * @param input  maps {@code [B, H, W]}
     * @param shape  the shape of {@code input} (B may be -1 when unknown)
     * @param kernel window size k
     * @param <T>    the tensor type
     * @return pooled maps {@code [B, H/k, W/k]}
     */
    public static <T> T forward(TensorAlgebra<T> a, T input, long[] shape, int kernel) {
        return a.mul(windowSums(a, input, shape, kernel), 1.0 / ((double) kernel * kernel));
    }

    /**
     * The factor each input spike of a window gets: {@code 1/c} for a window holding c &gt; 0 spikes, 0 for
     * an empty window.
     *
     * @param a      the algebra
     * @param counts spike counts per window (the window sums)
     * @param <T>    the tensor type
     * @return the factor, shape of {@code counts}
     */
    public static <T> T perSpikeFactor(TensorAlgebra<T> a, T counts) {
        T hasSpikes = a.step(counts);                                      // 1 where c > 0
        return a.div(hasSpikes, a.add(counts, a.rsub(1.0, hasSpikes)));   // c = 0: 0 / 1
    }

    /**
     * @param input    the forward pass's input maps {@code [B, H, W]}
     * @param gradOut  gradient at the pooled maps {@code [B, H/k, W/k]}
     * @param kernel   window size k
     * @return gradient at the input maps {@code [B, H, W]} (zero in cropped rows and columns)
     */
    public static INDArray backward(INDArray input, INDArray gradOut, int kernel) {
        check(input.shape(), kernel);
        return KernelDispatch.poolBackward(input, gradOut, kernel);
    }

    /**
     * {@link #backward(INDArray, INDArray, int)} given the forward pass's output too: the fused CPU loop reads the
     * window counts back from it instead of summing the input's windows again (a quarter of the reads for k = 2;
     * the same numbers). The ND4J-op path sums the input as before.
     *
     * @param input   the forward pass's input maps {@code [B, H, W]}
     * @param pooled  the forward pass's output for that input, {@code [B, H/k, W/k]}
     * @param gradOut gradient at the pooled maps {@code [B, H/k, W/k]}
     * @param kernel  window size k
     * @return gradient at the input maps {@code [B, H, W]}
     * @throws IllegalArgumentException if {@code pooled} does not have the pooled shape of {@code input}
     */
    public static INDArray backward(INDArray input, INDArray pooled, INDArray gradOut, int kernel) {
        check(input.shape(), kernel);
        long[] expected = {input.size(0), input.size(1) / kernel, input.size(2) / kernel};
        if (!Arrays.equals(pooled.shape(), expected)) {
            throw new IllegalArgumentException("pooled must be the forward output " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(pooled.shape()));
        }
        return KernelDispatch.poolBackward(input, pooled, gradOut, kernel);
    }

    /** {@link #backward} with ND4J ops only (the path of non-CPU backends), for arguments already checked. */
    static INDArray backwardWithOps(INDArray input, INDArray gradOut, int kernel) {
        INDArray counts = windowSums(Nd4jAlgebra.INSTANCE, input, input.shape(), kernel);
        INDArray perSpike = gradOut.mul(perSpikeFactor(Nd4jAlgebra.INSTANCE, counts));
        long b = input.size(0);
        long oh = counts.size(1);
        long ow = counts.size(2);
        // every position of a window gets the window's value: a legacy broadcast copy along (b, oh, ow)
        INDArray windows = Nd4j.createUninitialized(perSpike.dataType(), b, oh, kernel, ow, kernel);
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(windows, perSpike.reshape('c', b, oh, ow), windows, 0, 1, 3));
        INDArray spread = windows.reshape('c', b, oh * kernel, ow * kernel);
        if (oh * kernel == input.size(1) && ow * kernel == input.size(2)) {
            return spread;
        }
        INDArray full = input.ulike().assign(0.0);
        full.get(NDArrayIndex.all(), NDArrayIndex.interval(0, oh * kernel), NDArrayIndex.interval(0, ow * kernel))
                .assign(spread);
        return full;
    }

    /**
     * The sum of each window, {@code [B, H/k, W/k]}, in any tensor algebra.
     *
     * @param a      the algebra
     * @param input  maps {@code [B, H, W]}; rows and columns that do not fill a window are dropped
     * @param shape  the shape of {@code input} (B may be -1 when unknown)
     * @param kernel window size k
     * @param <T>    the tensor type
     * @return the window sums
     */
    public static <T> T windowSums(TensorAlgebra<T> a, T input, long[] shape, int kernel) {
        check(shape, kernel);
        long oh = shape[1] / kernel;
        long ow = shape[2] / kernel;
        T cropped = a.head(a.head(input, 1, oh * kernel), 2, ow * kernel);
        return a.sum(a.reshape(cropped, -1, oh, kernel, ow, kernel), false, 2, 4);
    }

    private static void check(long[] shape, int kernel) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("pooling input must be [B, H, W], got " + Arrays.toString(shape));
        }
        if (kernel < 1 || kernel > shape[1] || kernel > shape[2]) {
            throw new IllegalArgumentException("kernel must be in [1, min(H, W)] = [1, "
                    + Math.min(shape[1], shape[2]) + "], got " + kernel);
        }
    }
}
