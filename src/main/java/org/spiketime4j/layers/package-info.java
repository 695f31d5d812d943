/**
 * DL4J glue: the spiking layers ({@link org.spiketime4j.layers.SpikingConv2D},
 * {@link org.spiketime4j.layers.SpikePooling2D}, {@link org.spiketime4j.layers.SpikingDense},
 * {@link org.spiketime4j.layers.SpikingOutputLayer}), their implementations with explicit spike-time
 * backprop, the parameter initializer, the flatten preprocessor, the merge vertex and the input types.
 * Between layers the gradient is dL/ds, with respect to the spike values, as between any DL4J layers, so stock
 * layers read spikes directly; each spiking layer turns it into the spike-time gradient at its output.
 * Tensor layouts: spike maps {@code [mb, C, T, H, W]}, spike trains {@code [mb, F, T]}, static
 * inputs without a time axis ({@link org.spiketime4j.layers.SpikeInputType}). No formula lives here: the
 * maths is in {@code org.spiketime4j.neuron}.
 */
package org.spiketime4j.layers;
