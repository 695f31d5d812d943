package org.spiketime4j.train;

import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.HostRows;
import org.spiketime4j.neuron.KernelDispatch;

/**
 * A DL4J constraint that clamps parameters to {@code [-bound, bound]} after every update, which is
 * the paper's "raw weights clamped to [-4, 4] before every forward" (initial weights lie inside).
 *
 * <p>Example: {@code DocExamplesTest#paperOptimiser}.
 */
public final class WeightClamp implements LayerConstraint {

    /** Values per chunk read from host memory. */
    private static final int HOST_CHUNK = 4096;

    private final double bound;
    private Set<String> params = new HashSet<>();

    /** @param bound the clamp bound, &gt; 0 */
    public WeightClamp(@JsonProperty("bound") double bound) {
        if (!(bound > 0)) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        this.bound = bound;
    }

    /** @return the clamp bound */
    public double getBound() {
        return bound;
    }

    @Override
    public void applyConstraint(Layer layer, int iteration, int epoch) {
        for (String p : params) {
            INDArray value = layer.paramTable().get(p);
            if (value != null) {
                clamp(value);
            }
        }
    }

    /**
     * Clamps in place: one pass over host memory for a float array on the CPU backend ({@link KernelDispatch#hostRow};
     * the two ND4J ops per parameter cost ~0.4 ms of call overhead per MNIST training step, for 0.2 M weights),
     * else ND4J's scalar max then min. Both give the same floats, NaN included ({@code max(NaN, -b)} is -b in
     * ND4J's scalar max, as in {@link #clampValue}).
     */
    private void clamp(INDArray value) {
        HostRows row = KernelDispatch.hostRow(value);
        if (row == null) {
            Transforms.min(Transforms.max(value, -bound, false), bound, false);
            return;
        }
        int length = (int) value.length();
        float low = (float) -bound;
        float high = (float) bound;
        float[] chunk = new float[Math.min(length, HOST_CHUNK)];
        for (int from = 0; from < length; from += HOST_CHUNK) {
            int n = Math.min(HOST_CHUNK, length - from);
            row.read(0, from, n, chunk);
            for (int i = 0; i < n; i++) {
                chunk[i] = clampValue(chunk[i], low, high);
            }
            row.write(0, from, n, chunk);
        }
    }

    /** ND4J's scalar max then min: {@code (x > low ? x : low)}, then {@code (y < high ? y : high)}. */
    static float clampValue(float x, float low, float high) {
        float y = x > low ? x : low;
        return y < high ? y : high;
    }

    @Override
    public void setParams(Set<String> params) {
        this.params = new HashSet<>(params);
    }

    @Override
    public Set<String> getParams() {
        return params;
    }

    @Override
    public WeightClamp clone() {
        WeightClamp c = new WeightClamp(bound);
        c.setParams(params);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightClamp c && c.bound == bound && c.params.equals(params);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(bound) * 31 + params.hashCode();
    }
}
