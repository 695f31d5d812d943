package org.spiketime4j.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Event frames as a grid of small scatter charts, one per time step: a mark at each pixel where the frame holds
 * events, ON events in {@link #ON_COLOUR red} (series {@value #ON}), OFF events in {@link #OFF_COLOUR blue} (series
 * {@value #OFF}); single-polarity frames use one series {@value #EVENTS}. A pixel {@code (row, col)} is drawn at
 * {@code x = col, y = H - 1 - row}, so the picture is upright, and the y tick labels show the row.
 *
 * <p>Frames are {@code [T, 2, H, W]} with polarity {@code p = 0} OFF and {@code p = 1} ON, the convention of the
 * {@code data} package. One sample of its N-MNIST iterator is {@code [2, T, H, W]}: pass
 * {@code sample.permute(1, 0, 2, 3)}.
 *
 * <p>Example: {@code DocExamplesTest#plots}.
 */
public final class EventFrames {

    /** Series name of the ON events. */
    public static final String ON = "ON";
    /** Series name of the OFF events. */
    public static final String OFF = "OFF";
    /** Series name of the events of single-polarity frames. */
    public static final String EVENTS = "events";
    /** Colour of ON events. */
    public static final Color ON_COLOUR = new Color(220, 40, 40);
    /** Colour of OFF events. */
    public static final Color OFF_COLOUR = new Color(40, 80, 220);

    private static final int CELL_PIXELS = 240;

    private EventFrames() {
    }

    /**
     * One chart per time step from an ND4J frame array.
     *
     * @param frames a rank-4 array {@code [T, 2, H, W]} (polarity 0 OFF, 1 ON) of event counts
     * @param title  the title prefix; each chart is titled {@code "title t=N"}
     * @return T charts, 240 x 240 each
     */
    public static List<XYChart> charts(INDArray frames, String title) {
        return charts(PlotArrays.toRank4(frames, "frames"), title);
    }

    /**
     * One chart per time step from a plain frame array.
     *
     * @param frames {@code [T][2][H][W]} (polarity 0 OFF, 1 ON) event counts, rectangular
     * @param title  the title prefix; each chart is titled {@code "title t=N"}
     * @return T charts, 240 x 240 each
     */
    public static List<XYChart> charts(double[][][][] frames, String title) {
        if (frames == null || frames.length == 0) {
            throw new IllegalArgumentException("frames must hold at least one frame");
        }
        List<XYChart> out = new ArrayList<>();
        for (int t = 0; t < frames.length; t++) {
            if (frames[t] == null || frames[t].length != 2) {
                throw new IllegalArgumentException("frame " + t + " must have 2 polarity planes (OFF, ON), got "
                        + (frames[t] == null ? "null" : frames[t].length));
            }
            double[][] off = PlotArrays.requireRectangular(frames[t][0], "frame " + t + " OFF plane");
            double[][] on = PlotArrays.requireRectangular(frames[t][1], "frame " + t + " ON plane");
            requireSameSize(off, on, "frame " + t + " ON plane");
            requireSameSize(frames[0][0], off, "frame " + t);
            XYChart chart = emptyFrame(title + " t=" + t, off.length, off[0].length);
            addEvents(chart, ON, on, ON_COLOUR);
            addEvents(chart, OFF, off, OFF_COLOUR);
            out.add(chart);
        }
        return out;
    }

    /**
     * One chart per frame from single-polarity 2D frames.
     *
     * @param frames frames {@code [H][W]} of event counts, all of one size, at least one
     * @param title  the title prefix; each chart is titled {@code "title t=N"}
     * @return one chart per frame, 240 x 240 each, with the one series {@value #EVENTS}
     */
    public static List<XYChart> charts(List<double[][]> frames, String title) {
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("frames must hold at least one frame");
        }
        List<XYChart> out = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            double[][] f = PlotArrays.requireRectangular(frames.get(t), "frame " + t);
            requireSameSize(frames.get(0), f, "frame " + t);
            XYChart chart = emptyFrame(title + " t=" + t, f.length, f[0].length);
            addEvents(chart, EVENTS, f, ON_COLOUR);
            out.add(chart);
        }
        return out;
    }

    /**
     * Renders frame charts as one image, row by row.
     *
     * @param charts  the charts, e.g. from {@link #charts(INDArray, String)}
     * @param columns charts per row, at least 1
     * @return the image
     */
    public static BufferedImage grid(List<XYChart> charts, int columns) {
        return Plots.grid(charts, columns);
    }

    private static XYChart emptyFrame(String title, int height, int width) {
        XYChart chart = new XYChartBuilder().width(CELL_PIXELS).height(CELL_PIXELS).title(title).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(Math.max(2, 160 / Math.max(height, width)));
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(width - 0.5);
        chart.getStyler().setYAxisMin(-0.5).setYAxisMax(height - 0.5);
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0");
        chart.setCustomYAxisTickLabelsFormatter(y -> String.valueOf(Math.round(height - 1 - y)));
        return chart;
    }

    private static void addEvents(XYChart chart, String name, double[][] plane, Color colour) {
        int height = plane.length;
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < plane[row].length; col++) {
                if (plane[row][col] != 0) {
                    xs.add(col);
                    ys.add(height - 1 - row);
                }
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(colour);
    }

    private static void requireSameSize(double[][] expected, double[][] actual, String what) {
        if (expected.length != actual.length || expected[0].length != actual[0].length) {
            throw new IllegalArgumentException(what + " is " + actual.length + " x " + actual[0].length
                    + ", expected " + expected.length + " x " + expected[0].length + " like the first frame");
        }
    }
}
