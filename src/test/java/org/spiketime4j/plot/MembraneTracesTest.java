package org.spiketime4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.factory.Nd4j;

class MembraneTracesTest {

    /** u[t][n] = n + t / 10, [T = 6][neurons = 4]. */
    private static double[][] potentials() {
        double[][] u = new double[6][4];
        for (int t = 0; t < 6; t++) {
            for (int n = 0; n < 4; n++) {
                u[t][n] = n + t / 10.0;
            }
        }
        return u;
    }

    @Test
    void eachChosenNeuronIsOneTraceOverTheSteps() {
        XYChart c = MembraneTraces.chart(Nd4j.createFromArray(potentials()), AxisOrder.TIME_FIRST,
                new int[] {3, 1}, 0.75, "u");
        assertEquals(3, c.getSeriesCollection().size(), "two traces and the threshold");
        for (int n : new int[] {3, 1}) {
            XYSeries s = c.getSeries(MembraneTraces.seriesName(n));
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, s.getXData());
            assertArrayEquals(new double[] {n, n + 0.1, n + 0.2, n + 0.3, n + 0.4, n + 0.5}, s.getYData(), 1e-12);
        }
        XYSeries th = c.getSeries(MembraneTraces.THRESHOLD_SERIES);
        assertArrayEquals(new double[] {0, 5}, th.getXData());
        assertArrayEquals(new double[] {0.75, 0.75}, th.getYData());
    }

    @Test
    void neuronFirstLayoutGivesTheSameTraces() {
        double[][] tf = potentials();
        double[][] nf = new double[4][6];
        for (int t = 0; t < 6; t++) {
            for (int n = 0; n < 4; n++) {
                nf[n][t] = tf[t][n];
            }
        }
        XYChart a = MembraneTraces.chart(tf, AxisOrder.TIME_FIRST, new int[] {2}, 1, "a");
        XYChart b = MembraneTraces.chart(nf, AxisOrder.NEURON_FIRST, new int[] {2}, 1, "b");
        assertArrayEquals(a.getSeries("neuron 2").getYData(), b.getSeries("neuron 2").getYData());
        assertEquals(800, Plots.image(b).getWidth());
    }

    @Test
    void rejectsUnknownNeuronAndBadThreshold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MembraneTraces.chart(potentials(), AxisOrder.TIME_FIRST, new int[] {4}, 1, "x"));
        assertTrue(e.getMessage().contains("neuron index 4 is outside [0, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MembraneTraces.chart(potentials(), AxisOrder.TIME_FIRST, new int[] {0}, Double.NaN, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> MembraneTraces.chart(potentials(), AxisOrder.TIME_FIRST, new int[0], 1, "x"));
    }
}
