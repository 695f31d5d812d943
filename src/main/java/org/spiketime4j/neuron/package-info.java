/**
 * The maths of spiking neurons and their spike-time gradients, framework-light (ND4J arrays, or any
 * {@link org.spiketime4j.neuron.TensorAlgebra}): the neuron-model seam
 * ({@link org.spiketime4j.neuron.NeuronModel}, with the paper's SRM neuron
 * {@link org.spiketime4j.neuron.SrmNeuron} its implementation), the one time loop, the one backward
 * sweep, weight standardization and the gamma fold, the supervisory spike, adjusted average pooling and
 * the readout. Each formula is written once, in the Javadoc of the method that computes it; the DL4J
 * layers and the SameDiff ops both call these methods. For speed on the CPU backend, the SRM recurrence, the
 * SRM sweep and the pooling of float arrays run as fused loops over host memory ({@code FusedSrm},
 * {@code FusedPooling}, package-private): the same operations in the same order, tested to give the same
 * floats bit for bit as the tensor form, which every other case (double, CUDA) uses. Depends on nothing
 * else of SpikeTime4j.
 */
package org.spiketime4j.neuron;
