package org.spiketime4j.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.spiketime4j.data.IndexedDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.plot.TrainingCurves;

/**
 * A whole training run as the paper does it: threshold initialisation on the first training batch,
 * then epochs of {@code MultiLayerNetwork.fit}; after each epoch a test evaluation, one JSON line in
 * {@code OUT/metrics.jsonl}, the training curves {@code OUT/curves.png} and an atomic checkpoint
 * {@code OUT/model.zip}. A run killed mid-epoch
 * loses at most that epoch; {@link #resume} continues it with the same data order and optimiser state.
 */
public final class TrainingRun {

    /** File name of the checkpoint inside the output folder. */
    public static final String MODEL_FILE = "model.zip";
    /** File name of the training-curves picture inside the output folder, redrawn after each epoch. */
    public static final String CURVES_FILE = "curves.png";
    /** File name of the metrics log inside the output folder. */
    public static final String METRICS_FILE = "metrics.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingOptions options;
    private final PrintStream progress;

    /**
     * @param options  the run's options
     * @param progress where progress goes (the CLI passes stderr), or null
     */
    public TrainingRun(TrainingOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Trains from scratch for {@code preset.epochs()} epochs.
     *
     * @return the test accuracy after the last epoch
     * @throws IOException if data or output cannot be read or written
     */
    public double start() throws IOException {
        return startEpochs(options.preset().epochs());
    }

    /**
     * Trains from scratch but stops after {@code epochs} epochs (the schedule still spans the preset's),
     * leaving a checkpoint that {@link #resume} continues, as after a run killed in the next epoch.
     *
     * @param epochs epochs to run now, 1..preset epochs
     * @return the test accuracy after the last epoch run
     * @throws IOException if data or output cannot be read or written
     */
    public double startEpochs(int epochs) throws IOException {
        Preset preset = options.preset();
        if (epochs < 1 || epochs > preset.epochs()) {
            throw new IllegalArgumentException("epochs must be in [1, " + preset.epochs() + "], got " + epochs);
        }
        MultiLayerNetwork net = SpikingNetworks.create(preset, options.seed(), DataType.FLOAT);
        Files.createDirectories(options.outDir());
        Files.deleteIfExists(options.outDir().resolve(METRICS_FILE));
        IndexedDataSetIterator train = trainIterator();
        ThresholdInitializer.run(net, train.next().getFeatures(), ThresholdInitializer.Config.of(preset.avgSpikeInit()));
        Checkpoint.write(net, preset, options.outDir().resolve(MODEL_FILE));   // a run killed in epoch 1 resumes here
        return loop(net, train, 0, epochs);
    }

    /**
     * Continues a run from its last checkpoint in {@code options.outDir()}.
     *
     * @return the test accuracy after the last epoch
     * @throws IOException if data or output cannot be read or written
     */
    public double resume() throws IOException {
        MultiLayerNetwork net = Checkpoint.read(options.outDir().resolve(MODEL_FILE));
        net.addListeners(new GradientNormClip(options.preset().optimiser().gradClipNorm()));
        int done = net.getEpochCount();
        if (progress != null) {
            progress.println("resuming " + options.outDir() + " after " + done + " completed epoch(s)");
        }
        return loop(net, trainIterator(), done, options.preset().epochs());
    }

    private IndexedDataSetIterator trainIterator() throws IOException {
        return DataSources.iterator(options.preset(), options.dataDir(), Split.TRAIN, options.preset().batchSize(),
                options.limit(), options.seed());
    }

    private double loop(MultiLayerNetwork net, IndexedDataSetIterator train, int firstEpoch, int endEpoch)
            throws IOException {
        Preset preset = options.preset();
        IndexedDataSetIterator test = DataSources.iterator(preset, options.dataDir(), Split.TEST, preset.batchSize(),
                options.testLimit(), options.seed());
        long batchesPerEpoch = (train.size() + preset.batchSize() - 1) / preset.batchSize();
        TrainingMonitor monitor = new TrainingMonitor(batchesPerEpoch, progress);
        net.addListeners(monitor);
        if (firstEpoch >= endEpoch) {
            if (progress != null) {
                progress.println("the run has already completed " + firstEpoch + " epoch(s): evaluating only");
            }
            return net.evaluate(test).accuracy();
        }
        double accuracy = Double.NaN;
        for (int epoch = firstEpoch; epoch < endEpoch; epoch++) {
            train.setEpoch(epoch);
            net.fit(train);
            TrainingMonitor.EpochStats stats = monitor.snapshot();
            test.setEpoch(0);
            Evaluation eval = net.evaluate(test);
            accuracy = eval.accuracy();
            appendMetrics(epoch, stats, accuracy, net);
            Checkpoint.write(net, preset, options.outDir().resolve(MODEL_FILE));
            TrainingCurves.writePng(options.outDir().resolve(METRICS_FILE), options.outDir().resolve(CURVES_FILE));
            if (progress != null) {
                progress.printf(Locale.ROOT, "epoch %d: train loss %.4f, train accuracy %.4f, test accuracy %.4f, %.1f s%n",
                        epoch + 1, stats.meanLoss(), stats.accuracy(), accuracy, stats.seconds());
            }
        }
        return accuracy;
    }

    private void appendMetrics(int epoch, TrainingMonitor.EpochStats s, double testAccuracy, MultiLayerNetwork net)
            throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("epoch", epoch + 1);
        o.put("train_loss", s.meanLoss());
        o.put("train_accuracy", s.accuracy());
        o.put("test_accuracy", testAccuracy);
        o.put("seconds", s.seconds());
        o.put("seconds_per_batch", s.seconds() / Math.max(1, s.batches()));
        o.put("learning_rate", net.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W")
                .getLearningRate(0, epoch));
        o.put("output_grad_sum", s.outputGradSum());
        var spikes = o.putArray("spikes_per_neuron");
        for (double v : s.spikesPerNeuron()) {
            spikes.add(v);
        }
        Files.writeString(options.outDir().resolve(METRICS_FILE), JSON.writeValueAsString(o) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
