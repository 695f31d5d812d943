package org.spiketime4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conversions between the layers' batch-first tensors (time right after the channel axis:
 * {@code [mb, C, T, ...]}) and the time-major tensors the neuron maths works on
 * ({@code [T, mb, C, ...]}, viewed as {@code [T, K]} or as {@code [T*mb, C, ...]} rows).
 */
public final class SpikeLayout {

    private SpikeLayout() {
    }

    /**
     * @param batchFirst {@code [mb, C, T, rest...]}
     * @return a fresh time-major copy {@code [T, mb, C, rest...]}
     */
    public static INDArray toTimeMajor(INDArray batchFirst) {
        int r = batchFirst.rank();
        int[] perm = new int[r];
        perm[0] = 2;
        perm[1] = 0;
        perm[2] = 1;
        for (int i = 3; i < r; i++) {
            perm[i] = i;
        }
        return batchFirst.permute(perm).dup('c');
    }

    /**
     * @param timeMajor {@code [T, mb, C, rest...]} (any view)
     * @return a fresh batch-first copy {@code [mb, C, T, rest...]}
     */
    public static INDArray toBatchFirst(INDArray timeMajor) {
        int r = timeMajor.rank();
        int[] perm = new int[r];
        perm[0] = 1;
        perm[1] = 2;
        perm[2] = 0;
        for (int i = 3; i < r; i++) {
            perm[i] = i;
        }
        return timeMajor.permute(perm).dup('c');
    }

    /** Shape with T inserted at the front: {@code [T, dims...]}. */
    static long[] withSteps(long steps, long... dims) {
        long[] s = new long[dims.length + 1];
        s[0] = steps;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    /**
     * Expands a per-channel vector to one value per neuron of a time-major row {@code [1, mb*C*spatial]}.
     *
     * @param perChannel C values
     * @param batch      mb
     * @param spatial    positions per channel (H*W for maps, 1 for dense)
     */
    static INDArray perNeuron(INDArray perChannel, long batch, long spatial) {
        long c = perChannel.length();
        return perChannel.reshape(1, c, 1).broadcast(batch, c, spatial).dup('c').reshape(1, batch * c * spatial);
    }
}
