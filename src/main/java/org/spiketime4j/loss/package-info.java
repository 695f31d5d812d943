/**
 * Time-based losses for the spiking output layer, as DL4J {@link org.nd4j.linalg.lossfunctions.ILossFunction}s.
 *
 * <p>Every loss here reads the output layer's spike tensor in DL4J's recurrent layout {@code [mb, classes, T]}
 * (values 0/1, after the forced supervisory spike) and one-hot labels {@code [mb, classes]}; it reports the
 * value the reference implementation reports and hands back the <em>spike-time</em> gradient dL/dt_k,
 * shape {@code [mb, classes, T]}. Rate-based losses are turned into time-based ones by the single
 * conversion in {@link org.spiketime4j.loss.RateToTime} (dL/dt_k = -dL/ds[t_k]); {@link
 * org.spiketime4j.loss.RateToTimeLoss} applies it to any stock DL4J loss on spike counts.
 *
 * <p>Pick a loss by name with {@link org.spiketime4j.loss.LossKind}: {@code count}, {@code count+} (the
 * default, the paper's enhanced counting loss), {@code count0}, {@code kernel}, {@code TET}, {@code CE+},
 * {@code timing}, {@code TTFS}. Masks are not supported: every loss rejects a non-null mask.
 *
 * <p>The formulas of these losses are written once, in {@link org.spiketime4j.loss.LossFormulas}, against
 * {@link org.spiketime4j.neuron.TensorAlgebra}: the DL4J losses evaluate them on ND4J arrays and
 * {@code org.spiketime4j.samediff.SpikeTimeLosses} builds them into SameDiff graphs.
 */
package org.spiketime4j.loss;
