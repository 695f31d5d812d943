package org.spiketime4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.factory.Nd4j;

class SpikeRasterTest {

    /** A [T = 7][neurons = 5] spike train with a silent neuron (3) and a neuron that fires at every step (4). */
    private static double[][] timeFirstSpikes() {
        Random r = new Random(11);
        double[][] s = new double[7][5];
        for (int t = 0; t < 7; t++) {
            for (int n = 0; n < 5; n++) {
                s[t][n] = n == 4 ? 1 : n == 3 ? 0 : r.nextDouble() < 0.4 ? 1 : 0;
            }
        }
        return s;
    }

    private static Set<String> spikeSet(double[][] timeFirst) {
        Set<String> out = new HashSet<>();
        for (int t = 0; t < timeFirst.length; t++) {
            for (int n = 0; n < timeFirst[t].length; n++) {
                if (timeFirst[t][n] != 0) {
                    out.add(t + "," + n);
                }
            }
        }
        return out;
    }

    private static Set<String> pointSet(XYChart chart) {
        XYSeries s = chart.getSeries(SpikeRaster.SERIES);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < s.getXData().length; i++) {
            out.add((int) s.getXData()[i] + "," + (int) s.getYData()[i]);
            assertEquals(Math.rint(s.getXData()[i]), s.getXData()[i]);
            assertEquals(Math.rint(s.getYData()[i]), s.getYData()[i]);
        }
        assertEquals(s.getXData().length, out.size(), "no duplicate points");
        return out;
    }

    @Test
    void pointsAreExactlyTheSpikesInBothLayouts() {
        double[][] tf = timeFirstSpikes();
        double[][] nf = new double[5][7];
        for (int t = 0; t < 7; t++) {
            for (int n = 0; n < 5; n++) {
                nf[n][t] = tf[t][n];
            }
        }
        Set<String> expected = spikeSet(tf);
        assertTrue(expected.size() > 7, "the fixture has spikes beyond neuron 4");
        assertEquals(expected, pointSet(SpikeRaster.chart(tf, AxisOrder.TIME_FIRST, "tf")));
        assertEquals(expected, pointSet(SpikeRaster.chart(nf, AxisOrder.NEURON_FIRST, "nf")));
        assertEquals(expected, pointSet(SpikeRaster.chart(Nd4j.createFromArray(tf), AxisOrder.TIME_FIRST, "nd")));
        assertEquals(expected, pointSet(SpikeRaster.chart(Nd4j.createFromArray(nf).castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT), AxisOrder.NEURON_FIRST, "nd float")));
    }

    @Test
    void oneRowPerNeuronOneColumnPerStep() {
        XYChart c = SpikeRaster.chart(timeFirstSpikes(), AxisOrder.TIME_FIRST, "axes");
        assertEquals(-0.5, c.getStyler().getXAxisMin());
        assertEquals(6.5, c.getStyler().getXAxisMax());
        assertEquals(-0.5, c.getStyler().getYAxisMin());
        assertEquals(4.5, c.getStyler().getYAxisMax());
    }

    @Test
    void renderedMarksSitAtTheSpikesAndNowhereElse() {
        double[][] tf = timeFirstSpikes();
        XYChart c = SpikeRaster.chart(tf, AxisOrder.TIME_FIRST, "pixels");
        BufferedImage img = Plots.image(c);
        int mark = SpikeRaster.MARK_COLOUR.getRGB();
        for (int t = 0; t < 7; t++) {
            for (int n = 0; n < 5; n++) {
                int x = (int) Math.round(c.getScreenXFromChart(t));
                int y = (int) Math.round(c.getScreenYFromChart(n));
                boolean marked = img.getRGB(x, y) == mark;
                assertEquals(tf[t][n] != 0, marked, "pixel of step " + t + ", neuron " + n);
            }
        }
    }

    @Test
    void silentRasterStillDraws() {
        XYChart c = SpikeRaster.chart(new double[3][4], AxisOrder.TIME_FIRST, "silent");
        assertFalse(c.getSeries(SpikeRaster.SERIES).isEnabled());
        BufferedImage img = Plots.image(c);
        assertEquals(800, img.getWidth());
    }

    @Test
    void writesPngOfTheChartSize(@TempDir Path dir) throws Exception {
        XYChart c = SpikeRaster.chart(timeFirstSpikes(), AxisOrder.TIME_FIRST, "png");
        Path png = dir.resolve("sub/raster.png");
        Plots.savePng(c, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(800, back.getWidth());
        assertEquals(160 + 14 * 5, back.getHeight());
    }

    @Test
    void chosenSizeKeepsThePoints(@TempDir Path dir) throws Exception {
        double[][] tf = timeFirstSpikes();
        XYChart c = SpikeRaster.chart(Nd4j.createFromArray(tf), AxisOrder.TIME_FIRST, "small", 300, 200);
        assertEquals(spikeSet(tf), pointSet(c));
        Path png = dir.resolve("small.png");
        Plots.savePng(c, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(300, back.getWidth());
        assertEquals(200, back.getHeight());
        assertThrows(IllegalArgumentException.class, () -> SpikeRaster.chart(tf, AxisOrder.TIME_FIRST, "x", 99, 200));
    }

    @Test
    void rejectsBadShapes() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> SpikeRaster.chart(new double[][] {{1, 0}, {1}}, AxisOrder.TIME_FIRST, "x"));
        assertTrue(ragged.getMessage().contains("row 1 has 1"), ragged.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> SpikeRaster.chart(Nd4j.zeros(2, 3, 4), AxisOrder.TIME_FIRST, "x"));
        assertTrue(rank.getMessage().contains("[2, 3, 4]"), rank.getMessage());
    }
}
