package org.spiketime4j.samediff;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a spiking weight op adds to a graph.
 *
 * @param spikes    the output spikes, batch first ({@code [mb, C, T]} or {@code [mb, C, T, H, W]}), carrying the
 *                  spike-time gradient; on an output layer given labels, these are the spikes with the
 *                  supervisory spike (what the loss sees)
 * @param rawSpikes the spikes without the supervisory spike, same layout, no gradient (for the readout)
 * @param deltaU    du, time major ({@code [T, mb, C]} or {@code [T, mb, C, H, W]}), no gradient
 * @param gradTrace g, time major, no gradient
 */
public record SpikeLayer(SpikeVariable spikes, SpikeVariable rawSpikes, SDVariable deltaU, SDVariable gradTrace) {
}
