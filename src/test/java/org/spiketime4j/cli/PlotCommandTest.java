package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class PlotCommandTest {

    @TempDir
    Path dir;

    @Test
    void curvesWritesThePng() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"),
                "{\"epoch\": 0, \"train_loss\": 1.0, \"train_accuracy\": 0.5, \"test_accuracy\": 0.4}\n");
        Path png = dir.resolve("curves.png");
        assertEquals(0, SpikeTimeCli.execute("plot", "curves", "--metrics", metrics.toString(), "--out",
                png.toString()));
        assertEquals(450, ImageIO.read(png.toFile()).getHeight());
    }

    @Test
    void malformedMetricsIsAUserError() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"), "{oops\n");
        Path png = dir.resolve("curves.png");
        assertEquals(SpikeTimeCli.USAGE_ERROR, SpikeTimeCli.execute("plot", "curves", "--metrics",
                metrics.toString(), "--out", png.toString()));
        assertFalse(Files.exists(png));
        assertEquals(SpikeTimeCli.USAGE_ERROR, SpikeTimeCli.execute("plot", "curves", "--metrics",
                dir.resolve("missing.jsonl").toString(), "--out", png.toString()));
    }

    @Test
    void rasterFromNpyOfOneSampleOfABatch() throws Exception {
        Path npy = dir.resolve("spikes.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(new double[][][] {{{1, 0, 0}, {0, 1, 1}}, {{0, 0, 0}, {1, 1, 1}}}),
                npy.toFile());                                    // [samples = 2, neurons = 2, T = 3]
        Path png = dir.resolve("raster.png");
        assertEquals(0, SpikeTimeCli.execute("plot", "raster", "--spikes", npy.toString(), "--layout",
                "NEURON_FIRST", "--sample", "1", "--out", png.toString()));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(160 + 14 * 2, img.getHeight());
        assertEquals(SpikeTimeCli.USAGE_ERROR, SpikeTimeCli.execute("plot", "raster", "--spikes", npy.toString(),
                "--sample", "2", "--out", png.toString()));
        Path junk = Files.writeString(dir.resolve("junk.npy"), "not numpy");
        assertEquals(SpikeTimeCli.USAGE_ERROR, SpikeTimeCli.execute("plot", "raster", "--spikes", junk.toString(),
                "--out", png.toString()));
    }
}
