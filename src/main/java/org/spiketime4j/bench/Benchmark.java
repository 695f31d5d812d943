package org.spiketime4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.data.IndexedDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.train.DataSources;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.ThresholdInitializer;

/**
 * Times a preset's spiking network (float, built by {@link SpikingNetworks}) and the stock network of
 * the same shapes ({@link StockNetworks}) batch by batch on the preset's real training data.
 *
 * <p>Thresholds are initialised on the first batch, as in training. Then every batch, warm-up and
 * timed alike, runs six calls in this order, each timed on its own with {@link System#nanoTime()}:
 * spiking forward in training mode ({@code output(x, true)}), spiking training step
 * ({@code fit(DataSet)}), spiking inference ({@code output(x)}), then the same three on the stock
 * network. Interleaving keeps both networks under the same machine load. Each call is timed twice:
 * wall clock, and CPU time of the calling thread, which other processes on a busy machine inflate
 * far less (it misses work done on other threads; the report gives the process's total CPU time of
 * the timed batches to compare). Loading the next batch is not timed. Memory is sampled after each
 * timed batch, and after a garbage collection before the first and after the last one.
 *
 * <pre>{@code
 * BenchmarkReport r = Benchmark.run(new BenchmarkConfig(Presets.MNIST, null, 50, 50, 5, 0, 42), done -> { });
 * System.out.print(r.toTable());
 * }</pre>
 */
public final class Benchmark {

    /** Timed calls per network and batch: forward, step, inference. */
    private static final int CALLS = 3;
    /** Per batch: wall and CPU time of each call of both networks. */
    private static final int SLOTS = 4 * CALLS;

    /** Pause between the two collections before a memory sample, for the deallocator threads. */
    private static final long GC_PAUSE_MS = 500;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Benchmark() {
    }

    /**
     * @param config   what to run
     * @param progress told the number of finished batches (warm-up included) after each batch; the total is
     *                 {@code warmup + batches}
     * @return the numbers
     * @throws IOException if the data cannot be read
     */
    public static BenchmarkReport run(BenchmarkConfig config, IntConsumer progress) throws IOException {
        ThreadSettings threads = config.threads() > 0 ? ThreadSettings.apply(config.threads()) : ThreadSettings.current();
        Preset preset = config.preset().withBatchSize(config.batchSize());
        Batches data = new Batches(DataSources.iterator(preset, config.dataDir(), Split.TRAIN, config.batchSize(), 0,
                config.seed()), config.batchSize());
        InputType input = SpikingNetworks.inputType(preset);
        MultiLayerNetwork spiking = SpikingNetworks.create(preset, config.seed(), DataType.FLOAT);
        MultiLayerNetwork stock = StockNetworks.equivalent(spiking.getLayerWiseConfigurations(), input, config.seed(),
                preset.learningRate());

        long t0 = System.nanoTime();
        ThresholdInitializer.run(spiking, data.next().getFeatures(),
                ThresholdInitializer.Config.of(preset.avgSpikeInit()));
        double thresholdInitMs = (System.nanoTime() - t0) / 1e6;

        for (int i = 0; i < config.warmup(); i++) {
            runBatch(spiking, stock, data.next(), new double[SLOTS]);
            progress.accept(i + 1);
        }
        int n = config.batches();
        double[][] ms = new double[SLOTS][n];
        List<MemorySample> perBatch = new ArrayList<>(n);
        double loadStart = loadAverage();
        MemorySample start = sampleAfterGc();
        long wall0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        for (int i = 0; i < n; i++) {
            double[] times = new double[SLOTS];
            runBatch(spiking, stock, data.next(), times);
            for (int k = 0; k < SLOTS; k++) {
                ms[k][i] = times[k];
            }
            perBatch.add(MemorySample.now());
            progress.accept(config.warmup() + i + 1);
        }
        double wallMs = (System.nanoTime() - wall0) / 1e6;
        double processCpuMs = (processCpuNanos() - cpu0) / 1e6;
        MemorySample end = sampleAfterGc();
        double loadEnd = loadAverage();
        int b = config.batchSize();
        return new BenchmarkReport(preset.name(), preset.network().text(), preset.neuron().timeSteps(), b, n,
                config.warmup(), backend(), threads, loadStart, loadEnd, thresholdInitMs,
                NetworkTimings.of(ms[0], ms[1], ms[2], b), NetworkTimings.of(ms[6], ms[7], ms[8], b),
                NetworkTimings.of(ms[3], ms[4], ms[5], b), NetworkTimings.of(ms[9], ms[10], ms[11], b),
                wallMs, processCpuMs, start, end, perBatch);
    }

    /**
     * Runs one batch through both networks. times[0..2]: spiking forward, step, inference (wall clock),
     * [3..5] the same in CPU time of this thread, [6..11] the stock network's in the same order.
     */
    private static void runBatch(MultiLayerNetwork spiking, MultiLayerNetwork stock, DataSet batch, double[] times) {
        INDArray stockFeatures = StockNetworks.stockFeatures(batch.getFeatures());
        time(spiking, batch, times, 0);
        time(stock, new DataSet(stockFeatures, batch.getLabels()), times, 2 * CALLS);
    }

    private static void time(MultiLayerNetwork net, DataSet batch, double[] times, int at) {
        INDArray x = batch.getFeatures();
        long[] wall = new long[CALLS + 1];
        long[] cpu = new long[CALLS + 1];
        wall[0] = System.nanoTime();
        cpu[0] = THREADS.getCurrentThreadCpuTime();
        net.output(x, true);
        wall[1] = System.nanoTime();
        cpu[1] = THREADS.getCurrentThreadCpuTime();
        net.fit(batch);
        wall[2] = System.nanoTime();
        cpu[2] = THREADS.getCurrentThreadCpuTime();
        net.output(x);
        wall[3] = System.nanoTime();
        cpu[3] = THREADS.getCurrentThreadCpuTime();
        for (int k = 0; k < CALLS; k++) {
            times[at + k] = (wall[k + 1] - wall[k]) / 1e6;
            times[at + CALLS + k] = (cpu[k + 1] - cpu[k]) / 1e6;
        }
    }

    /** @return CPU time of the whole process (all threads, native ones included), 10 ms resolution on Linux */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /**
     * Collects garbage twice, with a pause for ND4J's deallocator threads to free the native buffers (and
     * drop the bookkeeping) of arrays the first collection found dead, then samples.
     */
    private static MemorySample sampleAfterGc() {
        System.gc();
        try {
            Thread.sleep(GC_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.gc();
        return MemorySample.now();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String backend() {
        String ext = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        return Nd4j.getBackend().getClass().getSimpleName() + (ext.isEmpty() ? "" : " (" + ext + ")");
    }

    /** Full batches of a training iterator, starting a new epoch (new shuffle) when one runs out. */
    private static final class Batches {

        private final IndexedDataSetIterator it;
        private final int batchSize;

        Batches(IndexedDataSetIterator it, int batchSize) {
            this.it = it;
            this.batchSize = batchSize;
            if (it.size() < batchSize) {
                throw new IllegalArgumentException("the data has " + it.size() + " training examples, fewer than one "
                        + "batch of " + batchSize);
            }
        }

        DataSet next() {
            while (true) {
                if (!it.hasNext()) {
                    it.setEpoch(it.epoch() + 1);
                }
                DataSet ds = it.next();
                if (ds.numExamples() == batchSize) {
                    return ds;
                }
            }
        }
    }
}
