package org.spiketime4j.loss;

/**
 * How a loss combines its examples over the mini-batch: the reported value and the spike-time gradient it
 * hands back are either the sum of the per-example losses or their mean.
 *
 * <p>DL4J divides every gradient by the batch size itself when the network is built with
 * {@code miniBatch(true)} (its default), and not with {@code miniBatch(false)}. What the optimiser sees is
 * therefore the loss's reduction times that division:
 * <ul>
 *   <li>{@code miniBatch(false)} with {@link #SUM}: the paper's setting (gradients summed over the batch, the
 *       reference's learning rates, {@code SpikingNetworks}).</li>
 *   <li>{@code miniBatch(true)} with {@link #SUM}, or {@code miniBatch(false)} with {@link #MEAN}: the batch mean
 *       that stock updaters and their stock learning rates expect. The two give the same update;
 *       {@code miniBatch(true)} is the one to use next to a stock {@code GlobalPoolingLayer}, which fails under
 *       {@code miniBatch(false)} in DL4J 1.0.0-M2.1.</li>
 * </ul>
 * Each loss defaults to the reduction of the reference implementation: {@link #SUM} for count, count+, count0,
 * kernel, timing and rate-to-time, {@link #MEAN} for TET, CE+ and TTFS (cross-entropies).
 */
public enum Reduction {
    /** The value and the gradient are sums over the examples of the batch. */
    SUM,
    /** The value and the gradient are means over the examples of the batch. */
    MEAN
}
