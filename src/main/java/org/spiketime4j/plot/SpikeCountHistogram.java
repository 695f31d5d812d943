package org.spiketime4j.plot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spike-count histograms per layer: for each layer, the fraction of its neurons (over all samples) that fired
 * 0, 1, 2, ... spikes. One bar series per layer, named by the layer; x categories are the counts 0..max.
 * Fractions rather than numbers of neurons make layers of different sizes comparable.
 *
 * <p>Example: {@code DocExamplesTest#plots}.
 */
public final class SpikeCountHistogram {

    private SpikeCountHistogram() {
    }

    /**
     * Counts spikes (non-zero entries) along the time axis.
     *
     * @param spikes   a spike array of any rank of at least 1
     * @param timeAxis the time axis of {@code spikes}
     * @return one count per neuron and sample: the entries of {@code spikes} summed over the time axis, flattened in
     *         C order
     */
    public static int[] countsPerNeuron(INDArray spikes, int timeAxis) {
        if (spikes == null || spikes.rank() < 1 || spikes.length() == 0) {
            throw new IllegalArgumentException("spikes must be a non-empty array, got "
                    + (spikes == null ? "null" : "shape " + Arrays.toString(spikes.shape())));
        }
        if (timeAxis < 0 || timeAxis >= spikes.rank()) {
            throw new IllegalArgumentException("timeAxis must be in [0, " + spikes.rank() + ") for shape "
                    + Arrays.toString(spikes.shape()) + ", got " + timeAxis);
        }
        INDArray fired = spikes.neq(0).castTo(DataType.INT32).sum(timeAxis);
        return fired.dup('c').data().asInt();
    }

    /**
     * Draws the histograms from spike arrays.
     *
     * @param spikesByLayer layer name to spike array, in the order to draw; at least one layer
     * @param timeAxis      the time axis of every array
     * @param title         the chart title
     * @return the chart, 800 x 450
     */
    public static CategoryChart fromSpikes(Map<String, INDArray> spikesByLayer, int timeAxis, String title) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        requireLayers(spikesByLayer);
        spikesByLayer.forEach((layer, s) -> counts.put(layer, countsPerNeuron(s, timeAxis)));
        return fromCounts(counts, title);
    }

    /**
     * Draws the histograms from spike counts.
     *
     * @param countsByLayer layer name to the spike count of each neuron (and sample), each count at least 0; at
     *                      least one layer, each with at least one count
     * @param title         the chart title
     * @return the chart, 800 x 450
     */
    public static CategoryChart fromCounts(Map<String, int[]> countsByLayer, String title) {
        requireLayers(countsByLayer);
        int max = 0;
        for (Map.Entry<String, int[]> e : countsByLayer.entrySet()) {
            int[] c = e.getValue();
            if (c == null || c.length == 0) {
                throw new IllegalArgumentException("layer '" + e.getKey() + "' has no spike counts");
            }
            for (int i = 0; i < c.length; i++) {
                if (c[i] < 0) {
                    throw new IllegalArgumentException("layer '" + e.getKey() + "': spike count " + i
                            + " is negative (" + c[i] + ")");
                }
                max = Math.max(max, c[i]);
            }
        }
        int[] categories = new int[max + 1];
        Arrays.setAll(categories, k -> k);
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title(title)
                .xAxisTitle("spikes per neuron").yAxisTitle("fraction of neurons").build();
        chart.getStyler().setYAxisMin(0.0);
        for (Map.Entry<String, int[]> e : countsByLayer.entrySet()) {
            int[] neuronsWithCount = new int[max + 1];
            for (int c : e.getValue()) {
                neuronsWithCount[c]++;
            }
            double[] fraction = Arrays.stream(neuronsWithCount).mapToDouble(k -> k / (double) e.getValue().length)
                    .toArray();
            chart.addSeries(e.getKey(), Arrays.stream(categories).asDoubleStream().toArray(), fraction);
        }
        return chart;
    }

    private static void requireLayers(Map<String, ?> byLayer) {
        if (byLayer == null || byLayer.isEmpty()) {
            throw new IllegalArgumentException("at least one layer is needed, got none");
        }
    }
}
