package org.spiketime4j.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spike raster: one row per neuron (y = neuron index, 0 at the bottom), one mark at each step where that neuron
 * spiked (x = step). Any non-zero entry counts as a spike.
 *
 * <p>Example: {@code DocExamplesTest#plots}.
 */
public final class SpikeRaster {

    /** Name of the chart's one series, whose points are the spikes as (step, neuron). */
    public static final String SERIES = "spikes";
    /** Colour of the spike marks (opaque). */
    public static final Color MARK_COLOUR = new Color(20, 50, 160);

    private SpikeRaster() {
    }

    /**
     * Draws a raster from an ND4J spike array.
     *
     * @param spikes a rank-2 array, {@code [T, neurons]} or {@code [neurons, T]} as {@code layout} says
     * @param layout the axis order of {@code spikes}
     * @param title  the chart title
     * @return the chart: width 800, height growing with the number of neurons (160 + 14 per neuron, at most 900)
     */
    public static XYChart chart(INDArray spikes, AxisOrder layout, String title) {
        return chart(PlotArrays.toMatrix(spikes, "spikes"), layout, title);
    }

    /**
     * Draws a raster from an ND4J spike array at a chosen size (e.g. small ones for a {@link Plots#grid}).
     *
     * @param spikes a rank-2 array, {@code [T, neurons]} or {@code [neurons, T]} as {@code layout} says
     * @param layout the axis order of {@code spikes}
     * @param title  the chart title
     * @param width  the chart's width in pixels, at least 100
     * @param height the chart's height in pixels, at least 100
     * @return the chart
     */
    public static XYChart chart(INDArray spikes, AxisOrder layout, String title, int width, int height) {
        return chart(PlotArrays.toMatrix(spikes, "spikes"), layout, title, width, height);
    }

    /**
     * Draws a raster from a plain spike array.
     *
     * @param spikes a rectangular array, {@code [T][neurons]} or {@code [neurons][T]} as {@code layout} says
     * @param layout the axis order of {@code spikes}
     * @param title  the chart title
     * @return the chart: width 800, height growing with the number of neurons (160 + 14 per neuron, at most 900)
     */
    public static XYChart chart(double[][] spikes, AxisOrder layout, String title) {
        return chart(spikes, layout, title, 800, Math.min(900, 160 + 14 * neuronCount(spikes, layout)));
    }

    /**
     * Draws a raster from a plain spike array at a chosen size (e.g. small ones for a {@link Plots#grid}).
     *
     * @param spikes a rectangular array, {@code [T][neurons]} or {@code [neurons][T]} as {@code layout} says
     * @param layout the axis order of {@code spikes}
     * @param title  the chart title
     * @param width  the chart's width in pixels, at least 100
     * @param height the chart's height in pixels, at least 100
     * @return the chart
     */
    public static XYChart chart(double[][] spikes, AxisOrder layout, String title, int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("width and height must be at least 100 pixels, got " + width + " x "
                    + height);
        }
        double[][] byNeuron = layout.toNeuronFirst(spikes, "spikes");
        int neurons = byNeuron.length;
        int steps = byNeuron[0].length;
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int n = 0; n < neurons; n++) {
            for (int t = 0; t < steps; t++) {
                if (byNeuron[n][t] != 0) {
                    xs.add(t);
                    ys.add(n);
                }
            }
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("time step").yAxisTitle("neuron").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(Math.max(3, Math.min(10, Math.min(width, height) * 3 / 4
                / Math.max(neurons, steps))));
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(steps - 0.5);
        chart.getStyler().setYAxisMin(-0.5).setYAxisMax(neurons - 0.5);
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0");
        if (xs.isEmpty()) {
            // XChart needs at least one point to lay out axes: an invisible one keeps the empty raster drawable
            chart.addSeries(SERIES, new double[] {-1}, new double[] {-1}).setEnabled(false);
        } else {
            XYSeries s = chart.addSeries(SERIES, xs, ys);
            s.setMarker(SeriesMarkers.RECTANGLE);
            s.setMarkerColor(MARK_COLOUR);
        }
        return chart;
    }

    private static int neuronCount(double[][] spikes, AxisOrder layout) {
        double[][] checked = PlotArrays.requireRectangular(spikes, "spikes");
        return layout == AxisOrder.NEURON_FIRST ? checked.length : checked[0].length;
    }
}
