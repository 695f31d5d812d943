package org.spiketime4j.neuron;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the forward pass of a layer of spiking neurons ({@link SrmForward}, any {@link NeuronModel}) keeps for
 * the backward pass. Every array is {@code [T, K]}: one row per time step, one column per neuron
 * (K = batch x neurons per sample).
 *
 * <p>The fused CPU loop of the SRM neuron does not store du for a static current (the same at every step, the
 * first layer of an image network): it keeps the current and thresholds instead, and {@link #deltaU()}
 * recomputes du from them when first called (the same floats); the backward pass recomputes it in cache.
 */
public final class SrmTrace {

    private final INDArray spikes;
    private final INDArray gradTrace;
    private final FusedSrm.Inputs staticInputs;
    private INDArray deltaU;

    /**
     * @param spikes    s[t], 0 or 1
     * @param deltaU    du[t] = u[t] - u_after_reset[t-1], the one-step change of the membrane potential
     * @param gradTrace g[t], the model's input-path trace before the reset (for {@link SrmNeuron}
     *                  {@code (1 - theta_g)(g[t-1] + I[t])}); null when the forward pass ran without gradients
     * @throws NullPointerException if spikes or deltaU is null
     */
    public SrmTrace(INDArray spikes, INDArray deltaU, INDArray gradTrace) {
        this.spikes = Objects.requireNonNull(spikes, "spikes");
        this.deltaU = Objects.requireNonNull(deltaU, "deltaU");
        this.gradTrace = gradTrace;
        this.staticInputs = null;
    }

    /** A trace of a static current that keeps the run's inputs instead of du (no gradTrace). */
    SrmTrace(INDArray spikes, FusedSrm.Inputs staticInputs) {
        this.spikes = Objects.requireNonNull(spikes, "spikes");
        this.staticInputs = Objects.requireNonNull(staticInputs, "staticInputs");
        this.gradTrace = null;
    }

    /** @return s[t], 0 or 1 */
    public INDArray spikes() {
        return spikes;
    }

    /**
     * @return du[t] = u[t] - u_after_reset[t-1], the one-step change of the membrane potential (for a trace that
     *         kept a static current instead, recomputed on the first call, in the workspace open at that call)
     */
    public synchronized INDArray deltaU() {
        if (deltaU == null) {
            deltaU = staticInputs.deltaU();
        }
        return deltaU;
    }

    /** @return g[t] before the reset, or null when the forward pass ran without gradients */
    public INDArray gradTrace() {
        return gradTrace;
    }

    /** @return the static current and thresholds kept instead of du, or null when du is stored */
    FusedSrm.Inputs staticInputs() {
        return staticInputs;
    }

    /** @return the number of time steps T */
    public long timeSteps() {
        return spikes.size(0);
    }

    /** @return the number of neurons K (batch x neurons per sample) */
    public long neurons() {
        return spikes.size(1);
    }
}
