package org.spiketime4j.plot;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Membrane potential u over time for a few neurons, one line per neuron (series {@code "neuron N"}, a marker at
 * each step), and the firing threshold as a dashed horizontal line (series {@value #THRESHOLD_SERIES}).
 *
 * <p>Example: {@code DocExamplesTest#plots}.
 */
public final class MembraneTraces {

    /** Name of the threshold line's series. */
    public static final String THRESHOLD_SERIES = "threshold";

    private MembraneTraces() {
    }

    /**
     * The name of the series that holds a neuron's trace.
     *
     * @param neuron the neuron index
     * @return {@code "neuron " + neuron}
     */
    public static String seriesName(int neuron) {
        return "neuron " + neuron;
    }

    /**
     * Draws traces from an ND4J potential array.
     *
     * @param potentials a rank-2 array, {@code [T, neurons]} or {@code [neurons, T]} as {@code layout} says
     * @param layout     the axis order of {@code potentials}
     * @param neurons    the neurons to draw, each in {@code [0, neurons)}, at least one
     * @param threshold  the firing threshold, finite
     * @param title      the chart title
     * @return the chart, 800 x 450
     */
    public static XYChart chart(INDArray potentials, AxisOrder layout, int[] neurons, double threshold,
                                String title) {
        return chart(PlotArrays.toMatrix(potentials, "potentials"), layout, neurons, threshold, title);
    }

    /**
     * Draws traces from a plain potential array.
     *
     * @param potentials a rectangular array, {@code [T][neurons]} or {@code [neurons][T]} as {@code layout} says
     * @param layout     the axis order of {@code potentials}
     * @param neurons    the neurons to draw, each in {@code [0, neurons)}, at least one
     * @param threshold  the firing threshold, finite
     * @param title      the chart title
     * @return the chart, 800 x 450
     */
    public static XYChart chart(double[][] potentials, AxisOrder layout, int[] neurons, double threshold,
                                String title) {
        double[][] byNeuron = layout.toNeuronFirst(potentials, "potentials");
        if (neurons == null || neurons.length == 0) {
            throw new IllegalArgumentException("neurons must name at least one neuron");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        int steps = byNeuron[0].length;
        double[] time = new double[steps];
        for (int t = 0; t < steps; t++) {
            time[t] = t;
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title)
                .xAxisTitle("time step").yAxisTitle("membrane potential u").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisDecimalPattern("0");
        for (int n : neurons) {
            if (n < 0 || n >= byNeuron.length) {
                throw new IllegalArgumentException("neuron index " + n + " is outside [0, " + byNeuron.length
                        + ") of the potentials array");
            }
            chart.addSeries(seriesName(n), time, byNeuron[n].clone()).setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries line = chart.addSeries(THRESHOLD_SERIES, new double[] {0, Math.max(steps - 1, 1)},
                new double[] {threshold, threshold});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineStyle(SeriesLines.DASH_DASH);
        line.setLineColor(Color.RED);
        return chart;
    }
}
