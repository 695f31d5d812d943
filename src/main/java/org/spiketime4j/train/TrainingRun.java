package org.spiketime4j.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.spiketime4j.data.AtomicFiles;
import org.spiketime4j.data.IndexedDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.plot.TrainingCurves;

/**
 * A whole training run as the paper does it: threshold initialisation on the first training batch (of every
 * worker, when the {@link EpochTrainer} trains data-parallel), then epochs trained by an {@link EpochTrainer}
 * ({@code MultiLayerNetwork.fit} by default); after each epoch a test evaluation, one JSON line in
 * {@code OUT/metrics.jsonl}, an atomic checkpoint {@code OUT/model.zip} and the training curves
 * {@code OUT/curves.png} (only when XChart, an optional dependency, is on the class path). The folder is locked
 * while a run uses it and also holds the run's options ({@code run.json}). A run killed mid-epoch loses at most
 * that epoch; {@link #resume} continues it with the same data order and optimiser state.
 */
public final class TrainingRun {

    /** File name of the checkpoint inside the output folder. */
    public static final String MODEL_FILE = "model.zip";
    /**
     * File name of the training-curves picture inside the output folder, redrawn after each epoch when XChart is
     * on the class path.
     */
    public static final String CURVES_FILE = "curves.png";
    /** File name of the metrics log inside the output folder. */
    public static final String METRICS_FILE = "metrics.jsonl";

    /** File name of the run's options inside the output folder, which {@code --resume} reads. */
    public static final String OPTIONS_FILE = RunFolder.OPTIONS_FILE;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** XChart is an optional dependency: without it a run writes no curves (and loads no plot class). */
    private static final boolean CURVES = xchartPresent();

    private final TrainingOptions options;
    private final PrintStream progress;
    private final EpochTrainer trainer;

    /**
     * @param options  the run's options
     * @param progress where progress goes (the CLI passes stderr), or null
     */
    public TrainingRun(TrainingOptions options, PrintStream progress) {
        this(options, progress, EpochTrainer.LOCAL);
    }

    /**
     * @param options  the run's options
     * @param progress where progress goes (the CLI passes stderr), or null
     * @param trainer  how each epoch is trained (in this process, on ParallelWrapper workers, on Spark)
     */
    public TrainingRun(TrainingOptions options, PrintStream progress, EpochTrainer trainer) {
        this.options = options;
        this.progress = progress;
        this.trainer = java.util.Objects.requireNonNull(trainer, "trainer");
    }

    /**
     * Trains from scratch for {@code preset.epochs()} epochs.
     *
     * @return the test accuracy after the last epoch
     * @throws IOException if data or output cannot be read or written
     * @throws IllegalStateException if the output folder already holds a run or another run has it locked
     */
    public double start() throws IOException {
        return startEpochs(options.preset().epochs());
    }

    /**
     * Trains from scratch but stops after {@code epochs} epochs (the schedule still spans the preset's),
     * leaving a checkpoint that {@link #resume} continues, as after a run killed in the next epoch.
     *
     * <p>Before anything is trained: the folder is locked and must not hold a run already, the data of both
     * splits is opened and its shape checked against the network, the memory of a batch is estimated, and the
     * options are written to {@code run.json}.
     *
     * @param epochs epochs to run now, 1..preset epochs
     * @return the test accuracy after the last epoch run
     * @throws IOException if data or output cannot be read or written
     * @throws IllegalStateException if the output folder already holds a run or another run has it locked
     */
    public double startEpochs(int epochs) throws IOException {
        Preset preset = options.preset();
        if (epochs < 1 || epochs > preset.epochs()) {
            throw new IllegalArgumentException("epochs must be in [1, " + preset.epochs() + "], got " + epochs);
        }
        try (RunFolder folder = RunFolder.lock(options.outDir())) {
            folder.requireFresh();
            IndexedDataSetIterator train = trainIterator();
            IndexedDataSetIterator test = testIterator();
            MemoryEstimate.check(SpikingNetworks.configuration(preset, options.seed(), DataType.FLOAT),
                    SpikingNetworks.inputType(preset), preset.batchSize());
            folder.writeOptions(options);
            announce();
            MultiLayerNetwork net = SpikingNetworks.create(preset, options.seed(), DataType.FLOAT);
            ThresholdInitializer.run(net, firstStepFeatures(train), ThresholdInitializer.Config.of(preset.avgSpikeInit()));
            Checkpoint.write(net, preset, options.outDir().resolve(MODEL_FILE));   // a run killed in epoch 1 resumes here
            return loop(net, train, test, 0, epochs);
        }
    }

    /**
     * Continues a run from its last checkpoint in {@code options.outDir()}. Metrics lines of epochs after the
     * checkpoint (written by a run killed before it could checkpoint) are dropped first.
     *
     * @return the test accuracy after the last epoch
     * @throws IOException if data or output cannot be read or written
     * @throws IllegalArgumentException if the folder holds no checkpoint
     * @throws IllegalStateException if another run has the folder locked
     */
    public double resume() throws IOException {
        Path dir = options.outDir();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot resume " + dir + ": no such run folder");
        }
        try (RunFolder folder = RunFolder.lock(dir)) {
            folder.requireNoFolderInTheWay();
            Path model = dir.resolve(MODEL_FILE);
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException("cannot resume " + dir + ": it holds no checkpoint " + MODEL_FILE
                        + " (the run stopped before its first one: start it again with --out " + dir
                        + ", or this is not a run folder)");
            }
            IndexedDataSetIterator train = trainIterator();
            IndexedDataSetIterator test = testIterator();
            MultiLayerNetwork net = SplitBatchNetwork.of(Checkpoint.read(model));     // as SpikingNetworks.create
            net.addListeners(new GradientNormClip(options.preset().optimiser().gradClipNorm()));
            int done = net.getEpochCount();
            folder.keepMetricsOf(done);
            announce();
            if (progress != null) {
                progress.println("resuming " + dir + " after " + done + " completed epoch(s)");
            }
            return loop(net, train, test, done, options.preset().epochs());
        }
    }

    /**
     * The options a run was started with.
     *
     * @param dir a run folder
     * @return its stored options (with {@code outDir = dir}), or null if it has none (a run of an earlier version)
     * @throws IOException if they cannot be read
     * @throws IllegalArgumentException if they are malformed (message names the file)
     */
    public static TrainingOptions storedOptions(Path dir) throws IOException {
        return RunFolder.readOptions(dir);
    }

    /** Prints the configuration once the checks before training have passed. */
    private void announce() {
        if (progress != null) {
            progress.println("spiketime train: " + options.preset().describe().replace("\n", "\n  "));
            progress.println("  output: " + options.outDir().toAbsolutePath());
        }
    }

    /** The inputs of the first optimiser step: the first batch, or the first batch of every worker. */
    private INDArray firstStepFeatures(IndexedDataSetIterator train) {
        List<INDArray> features = new ArrayList<>();
        for (int w = 0; w < trainer.workers() && train.hasNext(); w++) {
            features.add(train.next().getFeatures());
        }
        return features.size() == 1 ? features.get(0) : Nd4j.concat(0, features.toArray(new INDArray[0]));
    }

    private IndexedDataSetIterator trainIterator() throws IOException {
        return DataSources.iterator(options.preset(), options.dataDir(), Split.TRAIN, options.preset().batchSize(),
                options.limit(), options.seed());
    }

    private IndexedDataSetIterator testIterator() throws IOException {
        return DataSources.iterator(options.preset(), options.dataDir(), Split.TEST, options.preset().batchSize(),
                options.testLimit(), options.seed());
    }

    private double loop(MultiLayerNetwork net, IndexedDataSetIterator train, IndexedDataSetIterator test,
                        int firstEpoch, int endEpoch) throws IOException {
        Preset preset = options.preset();
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
            trainer.fitEpoch(net, train, monitor);
            TrainingMonitor.EpochStats stats = monitor.snapshot();
            test.setEpoch(0);
            Evaluation eval = net.evaluate(test);
            accuracy = eval.accuracy();
            try {
                appendMetrics(epoch, stats, accuracy, net);
                Checkpoint.write(net, preset, options.outDir().resolve(MODEL_FILE));
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; the run folder " + options.outDir() + " keeps the checkpoint "
                        + "after epoch " + epoch + ": continue with --resume " + options.outDir(), e);
            }
            if (CURVES) {
                try {
                    TrainingCurves.writePng(options.outDir().resolve(METRICS_FILE), options.outDir().resolve(CURVES_FILE));
                } catch (IOException e) {
                    throw new IOException(e.getMessage() + "; the checkpoint after epoch " + (epoch + 1) + " is saved in "
                            + options.outDir() + ": continue with --resume " + options.outDir(), e);
                }
            }
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
        Path file = options.outDir().resolve(METRICS_FILE);
        byte[] before = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        byte[] line = (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            out.write(before);
            out.write(line);
        });
    }

    private static boolean xchartPresent() {
        try {
            Class.forName("org.knowm.xchart.XYChart", false, TrainingRun.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
