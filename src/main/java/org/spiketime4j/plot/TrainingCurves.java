package org.spiketime4j.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Training curves from a {@code metrics.jsonl} file: the training loss (left axis) and the training and test
 * accuracies (right axis) over the epochs.
 *
 * <p>The file holds one JSON object per line with at least the numbers {@code epoch}, {@code train_loss},
 * {@code train_accuracy} and {@code test_accuracy} ({@code null} or {@code NaN} where an epoch was not evaluated);
 * other fields are ignored, blank lines are skipped.
 *
 * <p>Example: {@code TrainingCurvesTest#writePngWritesAnImageOfTheChartSize}.
 */
public final class TrainingCurves {

    /** Series name of the training loss (y-axis group 0, left). */
    public static final String TRAIN_LOSS = "train loss";
    /** Series name of the training accuracy (y-axis group 1, right). */
    public static final String TRAIN_ACCURACY = "train accuracy";
    /** Series name of the test accuracy (y-axis group 1, right); absent when no epoch has one. */
    public static final String TEST_ACCURACY = "test accuracy";

    /** Also reads the bare {@code NaN} that Jackson writes for a NaN double (an epoch without a test accuracy). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private TrainingCurves() {
    }

    /**
     * Reads a {@code metrics.jsonl} file.
     *
     * @param metricsJsonl the file
     * @return one entry per non-blank line, in file order
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if a line is not a JSON object with the required fields (the message names
     *                                  the file, the line number and its byte offset), or the file has no entries
     */
    public static List<EpochMetrics> read(Path metricsJsonl) throws IOException {
        if (Files.isDirectory(metricsJsonl)) {
            throw new IllegalArgumentException(metricsJsonl + " is a folder, not a metrics.jsonl file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(metricsJsonl);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(metricsJsonl.toString(), null, "metrics file not found");
        }
        List<EpochMetrics> out = new ArrayList<>();
        int lineStart = 0;
        int lineNo = 1;
        while (lineStart < bytes.length) {
            int end = lineStart;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            String line = new String(bytes, lineStart, end - lineStart, StandardCharsets.UTF_8).strip();
            if (!line.isEmpty()) {
                out.add(parseLine(line, metricsJsonl + " line " + lineNo + " (byte offset " + lineStart + ")"));
            }
            lineStart = end + 1;
            lineNo++;
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(metricsJsonl + ": no metrics (the file holds no JSON lines)");
        }
        return out;
    }

    private static EpochMetrics parseLine(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: "
                    + e.getOriginalMessage() + " in '" + abbreviate(line) + "'");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, got '" + abbreviate(line) + "'");
        }
        JsonNode epoch = number(node, "epoch", where, false);
        if (!epoch.canConvertToInt() || epoch.asDouble() != epoch.asInt()) {
            throw new IllegalArgumentException(where + ": field 'epoch' must be a whole number, got " + epoch);
        }
        double trainLoss = number(node, "train_loss", where, false).asDouble();
        double trainAccuracy = number(node, "train_accuracy", where, false).asDouble();
        JsonNode test = number(node, "test_accuracy", where, true);
        try {
            return new EpochMetrics(epoch.asInt(), trainLoss, trainAccuracy,
                    test.isNull() ? Double.NaN : test.asDouble());   // NaN too means "not evaluated"
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode number(JsonNode node, String field, String where, boolean nullable) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        if (!(v.isNumber() || nullable && v.isNull())) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a number"
                    + (nullable ? " or null" : "") + ", got " + v);
        }
        return v;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    /**
     * Draws the curves.
     *
     * @param metrics the epochs, at least one
     * @param title   the chart title
     * @return the chart, 800 x 450: series {@value #TRAIN_LOSS} on the left axis, {@value #TRAIN_ACCURACY} and
     *         (when any epoch has one) {@value #TEST_ACCURACY} on the right axis, x = epoch
     */
    public static XYChart chart(List<EpochMetrics> metrics, String title) {
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics must hold at least one epoch");
        }
        List<Integer> epochs = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Integer> testEpochs = new ArrayList<>();
        List<Double> testAcc = new ArrayList<>();
        for (EpochMetrics m : metrics) {
            epochs.add(m.epoch());
            loss.add(m.trainLoss());
            trainAcc.add(m.trainAccuracy());
            if (m.hasTestAccuracy()) {
                testEpochs.add(m.epoch());
                testAcc.add(m.testAccuracy());
            }
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("epoch").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.setYAxisGroupTitle(0, "loss");
        chart.setYAxisGroupTitle(1, "accuracy");
        chart.addSeries(TRAIN_LOSS, epochs, loss).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries(TRAIN_ACCURACY, epochs, trainAcc).setYAxisGroup(1);
        chart.getSeries(TRAIN_ACCURACY).setMarker(SeriesMarkers.DIAMOND);
        if (!testAcc.isEmpty()) {
            chart.addSeries(TEST_ACCURACY, testEpochs, testAcc).setYAxisGroup(1);
            chart.getSeries(TEST_ACCURACY).setMarker(SeriesMarkers.SQUARE);
        }
        return chart;
    }

    /**
     * Reads a {@code metrics.jsonl} file and writes its curves as a PNG (800 x 450); the one call a finished
     * training run makes.
     *
     * @param metricsJsonl the metrics file
     * @param png          the PNG to write (replaced if present, parent folders created)
     * @throws IOException              if a file cannot be read or written
     * @throws IllegalArgumentException if the metrics file is malformed (see {@link #read})
     */
    public static void writePng(Path metricsJsonl, Path png) throws IOException {
        Path name = metricsJsonl.getParent() == null ? metricsJsonl : metricsJsonl.getParent().getFileName();
        Plots.savePng(chart(read(metricsJsonl), "training curves: " + name), png);
    }
}
