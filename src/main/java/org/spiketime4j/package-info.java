/**
 * SpikeTime4j: time-based training of spiking neural networks for Deeplearning4j.
 * {@link org.spiketime4j.SpikeTime4j#checkEnvironment()} reports the process settings that the library's speed
 * depends on.
 */
package org.spiketime4j;
