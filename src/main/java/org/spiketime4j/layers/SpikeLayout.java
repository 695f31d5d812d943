package org.spiketime4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
     * @return the same values time-major, {@code [T, mb, C, rest...]}, c-contiguous: a view when
     *         {@code batchFirst} is itself a view of a time-major buffer (as the spiking layers' outputs
     *         are), else a copy
     */
    public static INDArray toTimeMajor(INDArray batchFirst) {
        INDArray view = batchFirst.permute(moveAxis(batchFirst.rank(), 2, 0));
        if (Shape.hasDefaultStridesForShape(view)) {
            return view;
        }
        long[] s = batchFirst.shape();
        long steps = s[2];
        long rest = batchFirst.length() / (s[0] * s[1] * steps);
        INDArray moved = batchFirst.reshape('c', s[0] * s[1], steps, rest).permute(1, 0, 2).dup('c');
        return moved.reshape('c', withSteps(steps, without(s, 2)));
    }

    /**
     * Sum of the values of the steps {@code t >= fromStep}, over every sample and neuron: for spike counts.
     * Reduces the time-major buffer a spiking layer's output is a view of (the same view on the batch-first
     * layout is strided, and ND4J reduces strided views slowly: ~20 ms for a hidden layer of the MNIST
     * network).
     *
     * @param batchFirst {@code [mb, C, T, rest...]}
     * @param fromStep   first step summed, 0 &lt;= fromStep &lt;= T
     * @return the sum
     */
    public static double sumFromStep(INDArray batchFirst, long fromStep) {
        long steps = batchFirst.size(2);
        if (fromStep < 0 || fromStep > steps) {
            throw new IllegalArgumentException("fromStep must be in [0, " + steps + "], got " + fromStep);
        }
        if (fromStep == 0) {
            return batchFirst.sumNumber().doubleValue();        // every step: no need to reorder the steps first
        }
        INDArray rows = toTimeMajor(batchFirst).reshape('c', steps, batchFirst.length() / steps);
        return fromStep == steps ? 0 : rows.get(NDArrayIndex.interval(fromStep, steps), NDArrayIndex.all())
                .sumNumber().doubleValue();
    }

    /**
     * @param timeMajor {@code [T, mb, C, rest...]}, c-contiguous
     * @return the same values as {@code [mb, C, T, rest...]}: a view of {@code timeMajor} (strided), so
     *         that the next spiking layer gets its time-major buffer back without a copy
     */
    public static INDArray toBatchFirst(INDArray timeMajor) {
        return timeMajor.permute(moveAxis(timeMajor.rank(), 0, 2));
    }

    private static int[] moveAxis(int rank, int from, int to) {
        java.util.List<Integer> axes = new java.util.ArrayList<>();
        for (int i = 0; i < rank; i++) {
            axes.add(i);
        }
        axes.remove(from);
        axes.add(to, from);
        return axes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] without(long[] shape, int axis) {
        long[] out = new long[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** Shape with T inserted at the front: {@code [T, dims...]}. */
    static long[] withSteps(long steps, long... dims) {
        long[] s = new long[dims.length + 1];
        s[0] = steps;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }
}
