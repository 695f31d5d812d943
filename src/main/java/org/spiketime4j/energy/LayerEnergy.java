package org.spiketime4j.energy;

/**
 * The operation counts of one layer, per sample (one input example over all T time steps).
 *
 * <p>How they are counted:
 * <ul>
 *   <li><b>synaptic operations</b> of a spiking weight layer: every input spike (or input event: an event frame
 *       holds event counts, and each event is one spike) times the number of synapses it reaches, its fan-out.
 *       Dense: {@code nOut}. Convolution: the number of (output channel, output position) pairs whose receptive
 *       field holds the spike's position ({@link ConvFanout}, border positions exactly). Each is one accumulate.</li>
 *   <li><b>multiply-accumulates</b> of the spiking network: only a convolution that reads a static image (direct
 *       encoding): the real-valued image goes through the dense convolution once, and its result is the current
 *       at every step.</li>
 *   <li><b>pooling</b>: average pooling is linear, so it is folded into the next weight layer (its {@code 1/k^2}
 *       becomes a factor of that layer's weights): the pooling layer itself counts no operation, and every spike
 *       that enters a pooling window counts as one input spike of the next layer, reaching that layer's fan-out of
 *       the pooled position (spikes in border rows or columns that no window covers reach nothing). The same
 *       folding is applied to the ANN.</li>
 *   <li><b>ANN MACs</b>: the dense multiply-accumulates of a conventional network of the same shapes, one pass
 *       (no time steps): {@code outH * outW * nOut * nIn * kh * kw} for a convolution, {@code nIn * nOut} for a
 *       dense layer, 0 for pooling.</li>
 * </ul>
 *
 * @param index              the layer's index in the network
 * @param description        what the layer is, for example {@code conv 1->15 5x5 stride 1 pad 0}
 * @param neurons            spiking neurons of the layer (0 for pooling)
 * @param spikesPerNeuron    output spikes per neuron per sample over T steps (NaN for pooling)
 * @param synapticOps        accumulates driven by input spikes, per sample
 * @param macs               multiply-accumulates of the spiking network, per sample
 * @param annMacs            multiply-accumulates of an ANN of the same shapes, per sample
 */
public record LayerEnergy(int index, String description, long neurons, double spikesPerNeuron, double synapticOps,
                          double macs, double annMacs) {

    /**
     * @param model per-operation energies
     * @return the spiking layer's energy per sample, picojoules
     */
    public double snnPicojoules(EnergyModel model) {
        return model.picojoules(synapticOps, macs);
    }

    /**
     * @param model per-operation energies
     * @return the ANN layer's energy per sample, picojoules
     */
    public double annPicojoules(EnergyModel model) {
        return model.picojoules(0, annMacs);
    }
}
