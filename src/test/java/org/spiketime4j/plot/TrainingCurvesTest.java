package org.spiketime4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class TrainingCurvesTest {

    private static final String GOOD = """
            {"epoch": 0, "train_loss": 2.5, "train_accuracy": 0.31, "test_accuracy": null, "lr": 5e-4}
            {"epoch": 1, "train_loss": 1.25, "train_accuracy": 0.72, "test_accuracy": 0.70}

            {"epoch": 2, "train_loss": 0.5, "train_accuracy": 0.9, "test_accuracy": 0.88, "seconds": 12.5}
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("metrics.jsonl"), text);
    }

    @Test
    void readsEveryLineAndIgnoresExtraFieldsAndBlankLines() throws IOException {
        List<EpochMetrics> m = TrainingCurves.read(write(GOOD));
        assertEquals(List.of(new EpochMetrics(0, 2.5, 0.31, Double.NaN), new EpochMetrics(1, 1.25, 0.72, 0.70),
                new EpochMetrics(2, 0.5, 0.9, 0.88)), m);
        assertFalse(m.get(0).hasTestAccuracy());
    }

    @Test
    void nanTestAccuracyAsJacksonWritesItMeansNotEvaluated() throws IOException {
        List<EpochMetrics> m = TrainingCurves.read(write(
                "{\"epoch\":1,\"train_loss\":0.5,\"train_accuracy\":0.9,\"test_accuracy\":NaN}\n"));
        assertFalse(m.get(0).hasTestAccuracy());
        Path nanLoss = write("{\"epoch\":1,\"train_loss\":NaN,\"train_accuracy\":0.9,\"test_accuracy\":0.8}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.read(nanLoss));
        assertTrue(e.getMessage().endsWith("line 1 (byte offset 0): train_loss must be a finite number, got NaN"),
                e.getMessage());
    }

    @Test
    void chartHasLossLeftAndAccuraciesRight() throws IOException {
        XYChart c = TrainingCurves.chart(TrainingCurves.read(write(GOOD)), "t");
        assertArrayEquals(new double[] {0, 1, 2}, c.getSeries(TrainingCurves.TRAIN_LOSS).getXData());
        assertArrayEquals(new double[] {2.5, 1.25, 0.5}, c.getSeries(TrainingCurves.TRAIN_LOSS).getYData());
        assertEquals(0, c.getSeries(TrainingCurves.TRAIN_LOSS).getYAxisGroup());
        assertArrayEquals(new double[] {0.31, 0.72, 0.9}, c.getSeries(TrainingCurves.TRAIN_ACCURACY).getYData());
        assertEquals(1, c.getSeries(TrainingCurves.TRAIN_ACCURACY).getYAxisGroup());
        assertArrayEquals(new double[] {1, 2}, c.getSeries(TrainingCurves.TEST_ACCURACY).getXData(),
                "the unevaluated epoch 0 has no test point");
        assertArrayEquals(new double[] {0.70, 0.88}, c.getSeries(TrainingCurves.TEST_ACCURACY).getYData());
        assertEquals(1, c.getSeries(TrainingCurves.TEST_ACCURACY).getYAxisGroup());
    }

    @Test
    void writePngWritesAnImageOfTheChartSize() throws IOException {
        Path png = dir.resolve("run/curves.png");
        TrainingCurves.writePng(write(GOOD), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(450, img.getHeight());
    }

    @Test
    void malformedLineNamesFileLineAndByteOffset() throws IOException {
        String first = "{\"epoch\": 0, \"train_loss\": 1, \"train_accuracy\": 0.5, \"test_accuracy\": 0.5}\n";
        Path f = write(first + "{\"epoch\": 1, \"train_loss\": 0.8, \n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.read(f));
        assertTrue(e.getMessage().startsWith(f + " line 2 (byte offset " + first.length() + "): not valid JSON"),
                e.getMessage());
    }

    @Test
    void missingOrWrongFieldsAreNamed() throws IOException {
        Path noTest = write("{\"epoch\": 0, \"train_loss\": 1, \"train_accuracy\": 0.5}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.read(noTest));
        assertTrue(e.getMessage().endsWith("line 1 (byte offset 0): missing field 'test_accuracy'"), e.getMessage());
        Path text = write("{\"epoch\": 0, \"train_loss\": \"x\", \"train_accuracy\": 0.5, \"test_accuracy\": 1}\n");
        e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.read(text));
        assertTrue(e.getMessage().endsWith("field 'train_loss' must be a number, got \"x\""), e.getMessage());
        Path array = write("[1, 2]\n");
        e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.read(array));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
        Path negative = write("{\"epoch\": -1, \"train_loss\": 1, \"train_accuracy\": 0.5, \"test_accuracy\": 1}\n");
        e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.read(negative));
        assertTrue(e.getMessage().endsWith("(byte offset 0): epoch must be at least 0, got -1"), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesFailClearly() throws IOException {
        Path blank = write("\n\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.read(blank));
        assertTrue(e.getMessage().contains("no metrics"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> TrainingCurves.read(dir.resolve("nope.jsonl")));
        assertTrue(missing.getMessage().contains("nope.jsonl"), missing.getMessage());
    }
}
