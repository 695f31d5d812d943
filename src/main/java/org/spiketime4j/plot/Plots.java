package org.spiketime4j.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.spiketime4j.data.AtomicFiles;

/**
 * Turns charts into images and PNG files.
 *
 * <p>A Java notebook cell whose last expression is a {@link RenderedImage} shows it inline, so
 * {@code Plots.image(chart)} is the way to look at a chart there.
 */
public final class Plots {

    private Plots() {
    }

    /**
     * Renders a chart at its own size.
     *
     * @param chart the chart
     * @return an image of {@code chart.getWidth() x chart.getHeight()} pixels
     */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Renders charts side by side, row by row, in a grid of the given number of columns. Each column is as wide
     * as its widest chart and each row as high as its highest; a smaller chart sits at its cell's top left on
     * white.
     *
     * @param charts  the charts, at least one
     * @param columns the number of columns, at least 1 (fewer are used when there are fewer charts)
     * @return the image
     */
    public static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns) {
        if (charts == null || charts.isEmpty()) {
            throw new IllegalArgumentException("charts must hold at least one chart");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int[] x = new int[cols + 1];
        int[] y = new int[rows + 1];
        for (int i = 0; i < charts.size(); i++) {
            x[i % cols + 1] = Math.max(x[i % cols + 1], charts.get(i).getWidth());
            y[i / cols + 1] = Math.max(y[i / cols + 1], charts.get(i).getHeight());
        }
        Arrays.parallelPrefix(x, Integer::sum);
        Arrays.parallelPrefix(y, Integer::sum);
        BufferedImage out = new BufferedImage(x[cols], y[rows], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(image(charts.get(i)), x[i % cols], y[i / cols], null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Writes a chart as a PNG file of the chart's size, creating missing parent folders.
     *
     * @param chart the chart
     * @param png   the file to write (replaced if present); its name need not end in {@code .png}
     * @throws IOException if the file cannot be written
     */
    public static void savePng(Chart<?, ?> chart, Path png) throws IOException {
        savePng(image(chart), png);
    }

    /**
     * Writes an image as a PNG file, creating missing parent folders. The file is replaced atomically: a failure
     * (full disk, a folder in the way, no permission) leaves a previous file intact and names the path.
     *
     * @param image the image, e.g. from {@link #grid}
     * @param png   the file to write (replaced if present)
     * @throws IOException if the file cannot be written
     */
    public static void savePng(RenderedImage image, Path png) throws IOException {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
