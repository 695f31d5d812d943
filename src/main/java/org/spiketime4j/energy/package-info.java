/**
 * Energy figures of a spiking network: spikes per neuron, synaptic operations and the dense
 * multiply-accumulates of an ANN of the same shapes, counted per layer on real inputs
 * ({@link org.spiketime4j.energy.EnergyMeter}), turned into an energy estimate with per-operation energies from
 * the literature ({@link org.spiketime4j.energy.EnergyModel}). The counting rules are in
 * {@link org.spiketime4j.energy.LayerEnergy}; {@link org.spiketime4j.energy.ConvFanout} is the pure arithmetic of
 * a convolution's fan-out.
 */
package org.spiketime4j.energy;
