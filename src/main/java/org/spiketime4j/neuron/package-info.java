/**
 * The maths of the SRM neuron and its spike-time gradients, framework-light (ND4J arrays, or any
 * {@link org.spiketime4j.neuron.TensorAlgebra}): neuron constants, the forward recurrence, the backward
 * sweep, weight standardization and the gamma fold, the supervisory spike, adjusted average pooling and
 * the readout. Each formula is written once, in the Javadoc of the method that computes it; the DL4J
 * layers and the SameDiff ops both call these methods. Depends on nothing else of SpikeTime4j.
 */
package org.spiketime4j.neuron;
