package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the forward pass of a layer of spiking neurons ({@link SrmForward}, any {@link NeuronModel}) keeps for
 * the backward pass. Every array is {@code [T, K]}: one row per time step, one column per neuron
 * (K = batch x neurons per sample).
 *
 * @param spikes    s[t], 0 or 1
 * @param deltaU    du[t] = u[t] - u_after_reset[t-1], the one-step change of the membrane potential
 * @param gradTrace g[t], the model's input-path trace before the reset (for {@link SrmNeuron}
 *                  {@code (1 - theta_g)(g[t-1] + I[t])}); null when the forward pass ran without gradients
 */
public record SrmTrace(INDArray spikes, INDArray deltaU, INDArray gradTrace) {

    /** @return the number of time steps T */
    public long timeSteps() {
        return spikes.size(0);
    }

    /** @return the number of neurons K (batch x neurons per sample) */
    public long neurons() {
        return spikes.size(1);
    }
}
