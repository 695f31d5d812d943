/**
 * Pictures of spiking networks, drawn with <a href="https://knowm.org/open-source/xchart/">XChart</a>:
 * spike rasters ({@link org.spiketime4j.plot.SpikeRaster}), membrane potential traces
 * ({@link org.spiketime4j.plot.MembraneTraces}), spike-count histograms per layer
 * ({@link org.spiketime4j.plot.SpikeCountHistogram}), training curves read from a {@code metrics.jsonl}
 * file ({@link org.spiketime4j.plot.TrainingCurves}) and grids of event frames
 * ({@link org.spiketime4j.plot.EventFrames}).
 *
 * <p>Every chart method returns an XChart chart object, which a caller may restyle;
 * {@link org.spiketime4j.plot.Plots} turns charts into images (what a Java notebook displays inline) and PNG
 * files. Inputs are ND4J arrays or plain Java arrays; 2D spike and potential arrays state their axis order with
 * {@link org.spiketime4j.plot.AxisOrder}. Drawing needs no display: on Linux the JVM runs AWT headless when
 * {@code DISPLAY} is unset, and {@code -Djava.awt.headless=true} forces it.
 *
 * <p>XChart is an optional dependency of SpikeTime4j: a project that uses this package adds
 * {@code org.knowm.xchart:xchart:4.0.3} itself. Nothing outside this package and the command line needs it
 * ({@link org.spiketime4j.train.TrainingRun} draws its curves only when XChart is on the class path).
 *
 * <p>Example: {@code DocExamplesTest#plots}.
 */
package org.spiketime4j.plot;
