package org.spiketime4j.train;

import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J constraint that clamps parameters to {@code [-bound, bound]} after every update, which is
 * the paper's "raw weights clamped to [-4, 4] before every forward" (initial weights lie inside).
 *
 * <p>Example: {@code DocExamplesTest#paperOptimiser}.
 */
public final class WeightClamp implements LayerConstraint {

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
                Transforms.min(Transforms.max(value, -bound, false), bound, false);
            }
        }
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
