/** SpikeTime4j: time-based training of spiking neural networks for Deeplearning4j. */
package org.spiketime4j;
