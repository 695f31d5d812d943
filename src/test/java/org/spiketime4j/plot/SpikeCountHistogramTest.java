package org.spiketime4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpikeCountHistogramTest {

    @Test
    void countsAlongTheTimeAxisMatchANaiveLoop() {
        Random r = new Random(5);
        double[][][] s = new double[3][4][6];                 // [mb, neurons, T]
        for (double[][] a : s) {
            for (double[] b : a) {
                for (int t = 0; t < b.length; t++) {
                    b[t] = r.nextDouble() < 0.5 ? 1 : 0;
                }
            }
        }
        int[] expected = new int[12];
        for (int m = 0; m < 3; m++) {
            for (int n = 0; n < 4; n++) {
                for (int t = 0; t < 6; t++) {
                    expected[m * 4 + n] += (int) s[m][n][t];
                }
            }
        }
        assertArrayEquals(expected, SpikeCountHistogram.countsPerNeuron(Nd4j.createFromArray(s), 2));
        INDArray timeFirst = Nd4j.createFromArray(s).permute(2, 0, 1);   // [T, mb, neurons], a view
        assertArrayEquals(expected, SpikeCountHistogram.countsPerNeuron(timeFirst, 0));
    }

    @Test
    void barsAreTheFractionOfNeuronsWithEachCount() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        counts.put("hidden", new int[] {0, 0, 1, 3});
        counts.put("out", new int[] {2, 2});
        CategoryChart c = SpikeCountHistogram.fromCounts(counts, "counts");
        assertEquals(List.of("hidden", "out"), c.getSeriesCollection().stream().map(CategorySeries::getName).toList());
        CategorySeries hidden = c.getSeries("hidden");
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), List.copyOf(hidden.getXData()));
        assertArrayEquals(new double[] {0.5, 0.25, 0, 0.25}, hidden.getYData(), 0);
        assertArrayEquals(new double[] {0, 0, 1, 0}, c.getSeries("out").getYData(), 0);
        assertEquals(800, Plots.image(c).getWidth());
    }

    @Test
    void fromSpikesUsesTheCounts() {
        INDArray s = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 0, 0}});   // [neurons, T]
        CategoryChart c = SpikeCountHistogram.fromSpikes(Map.of("l", s), 1, "x");
        assertArrayEquals(new double[] {0.5, 0, 0.5}, c.getSeries("l").getYData(), 0);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class,
                () -> SpikeCountHistogram.countsPerNeuron(Nd4j.zeros(2, 3), 2));
        assertTrue(axis.getMessage().contains("timeAxis must be in [0, 2)"), axis.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> SpikeCountHistogram.fromCounts(Map.of("l", new int[] {1, -1}), "x"));
        assertTrue(neg.getMessage().contains("layer 'l'"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpikeCountHistogram.fromCounts(Map.of(), "x"));
    }
}
