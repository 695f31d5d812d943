package org.spiketime4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.factory.Nd4j;

class EventFramesTest {

    /** [T = 3][2][H = 4][W = 5]: OFF at (row 0, col 1) in frame 0, ON with 2 events at (row 3, col 4) in frame 1. */
    private static double[][][][] frames() {
        double[][][][] f = new double[3][2][4][5];
        f[0][0][0][1] = 1;
        f[1][1][3][4] = 2;
        f[1][0][2][0] = 1;
        return f;
    }

    @Test
    void eventsAreMarkedUprightInTheirPolarity() {
        List<XYChart> charts = EventFrames.charts(Nd4j.createFromArray(frames()), "digit");
        assertEquals(3, charts.size());
        XYChart f0 = charts.get(0);
        assertEquals("digit t=0", f0.getTitle());
        assertArrayEquals(new double[] {1}, f0.getSeries(EventFrames.OFF).getXData());
        assertArrayEquals(new double[] {3}, f0.getSeries(EventFrames.OFF).getYData(), "row 0 is at the top (y = H-1)");
        assertEquals(null, f0.getSeries(EventFrames.ON));
        XYChart f1 = charts.get(1);
        assertArrayEquals(new double[] {4}, f1.getSeries(EventFrames.ON).getXData());
        assertArrayEquals(new double[] {0}, f1.getSeries(EventFrames.ON).getYData());
        assertEquals(EventFrames.ON_COLOUR, f1.getSeries(EventFrames.ON).getMarkerColor());
        assertArrayEquals(new double[] {0}, f1.getSeries(EventFrames.OFF).getXData());
        assertArrayEquals(new double[] {1}, f1.getSeries(EventFrames.OFF).getYData());
        assertEquals(EventFrames.OFF_COLOUR, f1.getSeries(EventFrames.OFF).getMarkerColor());
        assertTrue(charts.get(2).getSeriesCollection().isEmpty());
    }

    @Test
    void gridHasOneCellPerFrameIncludingEmptyOnes() {
        BufferedImage grid = EventFrames.grid(EventFrames.charts(frames(), "x"), 2);
        assertEquals(2 * 240, grid.getWidth());
        assertEquals(2 * 240, grid.getHeight());
    }

    @Test
    void singlePolarityFramesUseOneSeries() {
        double[][] a = {{0, 1}, {0, 0}};
        double[][] b = {{0, 0}, {3, 0}};
        List<XYChart> charts = EventFrames.charts(List.of(a, b), "p");
        assertArrayEquals(new double[] {1}, charts.get(0).getSeries(EventFrames.EVENTS).getXData());
        assertArrayEquals(new double[] {1}, charts.get(0).getSeries(EventFrames.EVENTS).getYData());
        assertArrayEquals(new double[] {0}, charts.get(1).getSeries(EventFrames.EVENTS).getXData());
        assertArrayEquals(new double[] {0}, charts.get(1).getSeries(EventFrames.EVENTS).getYData());
    }

    @Test
    void rejectsWrongPolarityCountAndSizeChanges() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> EventFrames.charts(Nd4j.zeros(2, 3, 4, 4), "x"));
        assertTrue(p.getMessage().contains("2 polarity planes"), p.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> EventFrames.charts(List.of(new double[2][2], new double[3][2]), "x"));
        assertTrue(s.getMessage().contains("frame 1 is 3 x 2, expected 2 x 2"), s.getMessage());
    }
}
