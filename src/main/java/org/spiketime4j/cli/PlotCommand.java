package org.spiketime4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.data.NpyArray;
import org.spiketime4j.plot.Plots;
import org.spiketime4j.plot.AxisOrder;
import org.spiketime4j.plot.SpikeRaster;
import org.spiketime4j.plot.TrainingCurves;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spiketime plot curves|raster ...}: writes the pictures of {@code org.spiketime4j.plot} as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Write pictures as PNG: training curves from metrics.jsonl, spike rasters from .npy arrays.",
        subcommands = {PlotCommand.Curves.class, PlotCommand.Raster.class})
final class PlotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code spiketime plot curves --metrics FILE --out PNG}. */
    @Command(name = "curves", mixinStandardHelpOptions = true,
            description = "Training loss and accuracies over the epochs of a metrics.jsonl file.")
    static final class Curves implements Callable<Integer> {

        @Option(names = "--metrics", required = true, paramLabel = "FILE",
                description = "metrics.jsonl: one JSON object per line with epoch, train_loss, train_accuracy, "
                        + "test_accuracy")
        Path metrics;

        @Option(names = "--out", required = true, paramLabel = "PNG", description = "the PNG file to write")
        Path out;

        @Override
        public Integer call() throws IOException {
            TrainingCurves.writePng(metrics, out);
            System.out.println("wrote " + out);
            return 0;
        }
    }

    /** {@code spiketime plot raster --spikes FILE.npy --out PNG [--layout L] [--sample I]}. */
    @Command(name = "raster", mixinStandardHelpOptions = true,
            description = "Spike raster (one row per neuron, a mark at each step it spiked) of a .npy spike array: "
                    + "rank 2 as --layout says, or rank 3 [samples, ...] with --sample picking one.")
    static final class Raster implements Callable<Integer> {

        /** The most neuron-steps one raster draws (a 1000 x 1000 array takes seconds; an 800-pixel picture shows less). */
        static final long MAX_RASTER_CELLS = 1_000_000;

        @Option(names = "--spikes", required = true, paramLabel = "FILE.npy", description = "the spike array")
        Path spikes;

        @Option(names = "--out", required = true, paramLabel = "PNG", description = "the PNG file to write")
        Path out;

        @Option(names = "--layout", defaultValue = "TIME_FIRST",
                description = "axis order of the (per-sample) 2D array: ${COMPLETION-CANDIDATES} "
                        + "(default: ${DEFAULT-VALUE}, i.e. [T, neurons])")
        AxisOrder layout;

        @Option(names = "--sample", defaultValue = "0", description = "sample index along the first axis of a "
                + "rank-3 array (default: ${DEFAULT-VALUE})")
        int sample;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(spikes)) {
                throw new NoSuchFileException(spikes.toString(), null, "spike array not found");
            }
            NpyArray npy = NpyArray.read(spikes);
            if (npy.rank() != 2 && npy.rank() != 3 || npy.data().length == 0) {
                throw new IllegalArgumentException(spikes + ": a spike raster needs a non-empty rank-2 or rank-3 array, "
                        + "got shape " + Arrays.toString(npy.shape()));
            }
            double[] values = npy.data();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException(spikes + ": element " + i + " (row-major) is " + values[i]
                            + "; a spike array holds finite values (non-zero = a spike)");
                }
            }
            INDArray a = npy.toINDArray();
            long cells = a.rank() == 3 ? a.length() / a.size(0) : a.length();
            if (cells > MAX_RASTER_CELLS) {
                throw new IllegalArgumentException(spikes + ": " + cells + " neuron-steps per raster is more than a "
                        + "picture shows (at most " + MAX_RASTER_CELLS + "); plot a slice of the array");
            }
            String title = spikes.getFileName().toString();
            if (a.rank() == 3) {
                if (sample < 0 || sample >= a.size(0)) {
                    throw new IllegalArgumentException("--sample must be in [0, " + a.size(0) + ") for shape "
                            + Arrays.toString(a.shape()) + ", got " + sample);
                }
                a = a.slice(sample);
                title += " sample " + sample;
            }
            Plots.savePng(SpikeRaster.chart(a, layout, title), out);
            System.out.println("wrote " + out);
            return 0;
        }
    }
}
