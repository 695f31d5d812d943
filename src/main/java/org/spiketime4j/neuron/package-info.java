/**
 * The maths of the SRM neuron and its spike-time gradients, framework-light (ND4J arrays, or any
 * {@link org.spiketime4j.neuron.TensorAlgebra}): neuron constants, the forward recurrence, the backward
 * sweep, weight standardization and the gamma fold, the supervisory spike, adjusted average pooling and
 * the readout. Each formula is written once, in the Javadoc of the method that computes it; the DL4J
 * layers and the SameDiff ops both call these methods. For speed on the CPU backend, the recurrence, the
 * sweep and the pooling of float arrays run as fused loops over host memory ({@code FusedSrm},
 * {@code FusedPooling}, package-private): the same operations in the same order, tested to give the same
 * floats bit for bit as the tensor form, which every other case (double, CUDA) uses. Depends on nothing
 * else of SpikeTime4j.
 */
package org.spiketime4j.neuron;
