package org.spiketime4j.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
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
 * <p>Thresholds are initialised on the first batch, as in training. The warm-up runs at least
 * {@code warmup} batches and then goes on until the JIT compiler has settled or {@code maxWarmup}
 * batches have run ({@link WarmupGate}); the report gives the JIT compilation time during the timed
 * batches. Every batch, warm-up and timed alike, runs six calls in this order, each timed on its own with {@link System#nanoTime()}:
 * spiking forward in training mode ({@code output(x, true)}), spiking training step
 * ({@code fit(DataSet)}), spiking inference ({@code output(x)}), then the same three on the stock
 * network. Interleaving keeps both networks under the same machine load. Each call is timed twice:
 * wall clock, and CPU time of the calling thread, which other processes on a busy machine inflate
 * far less (it misses work done on other threads; the report gives the process's total CPU time of
 * the timed batches to compare). Loading the next batch is not timed. Memory is sampled after each
 * timed batch (its maximum is the peak), and after garbage collection before the first, after the
 * middle and after the last timed batch: the program's own memory, which must not grow from the
 * middle to the end (ND4J frees an array's native buffer only after the JVM has collected the array,
 * so between collections the resident set also holds dead buffers).
 *
 * <p>Example: {@code DocExamplesTest#benchmark}.
 */
public final class Benchmark {

    /** Garbage collections before a memory sample "after GC". */
    private static final int GC_ROUNDS = 3;
    /** Pause after each of them, for ND4J's deallocator threads. */
    private static final long GC_PAUSE_MS = 1000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Benchmark() {
    }

    /**
     * @param config         what to run
     * @param warmupProgress told the number of finished warm-up batches after each of them (at most
     *                       {@code maxWarmup}; fewer once the JIT compiler has settled)
     * @param progress       told the number of finished timed batches after each of them, up to {@code batches}
     * @return the numbers
     * @throws IOException if the data cannot be read
     */
    public static BenchmarkReport run(BenchmarkConfig config, IntConsumer warmupProgress, IntConsumer progress)
            throws IOException {
        ThreadSettings threads = config.threads() > 0 ? ThreadSettings.apply(config.threads()) : ThreadSettings.current();
        Preset preset = config.preset().withBatchSize(config.batchSize());
        Batches data = new Batches(DataSources.iterator(preset, config.dataDir(), Split.TRAIN, config.batchSize(), 0,
                config.seed()), config.batchSize());
        InputType input = SpikingNetworks.inputType(preset);
        MultiLayerNetwork spiking = SpikingNetworks.create(preset, config.seed(), DataType.FLOAT);
        MultiLayerNetwork stock = StockNetworks.equivalent(spiking.getLayerWiseConfigurations(), input, config.seed(),
                preset.optimiser().learningRate());

        long t0 = System.nanoTime();
        ThresholdInitializer.run(spiking, data.next().getFeatures(),
                ThresholdInitializer.Config.of(preset.avgSpikeInit()));
        double thresholdInitMs = (System.nanoTime() - t0) / 1e6;

        boolean jitReported = jitMs() >= 0;
        WarmupGate gate = new WarmupGate(config.warmup(), jitReported ? config.maxWarmup() : config.warmup());
        while (gate.needsMore()) {
            double jit0 = jitMs();
            long w0 = System.nanoTime();
            runBatch(spiking, stock, data.next(), null, null);
            gate.record((System.nanoTime() - w0) / 1e6, jitReported ? jitMs() - jit0 : Double.NaN);
            warmupProgress.accept(gate.batches());
        }
        int n = config.batches();
        Recorder spikingTimes = new Recorder(n);
        Recorder stockTimes = new Recorder(n);
        List<MemorySample> perBatch = new ArrayList<>(n);
        double loadStart = loadAverage();
        MemorySample start = sampleAfterGc();
        MemorySample middle = null;
        long pauseWall = 0;
        long pauseCpu = 0;
        long wall0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        double jit0 = jitMs();
        for (int i = 0; i < n; i++) {
            runBatch(spiking, stock, data.next(), spikingTimes, stockTimes);
            perBatch.add(MemorySample.now());
            progress.accept(i + 1);
            if (i + 1 == (n + 1) / 2) {
                long w = System.nanoTime();
                long c = processCpuNanos();
                middle = sampleAfterGc();
                pauseWall += System.nanoTime() - w;
                pauseCpu += processCpuNanos() - c;
            }
        }
        double wallMs = (System.nanoTime() - wall0 - pauseWall) / 1e6;
        double processCpuMs = (processCpuNanos() - cpu0 - pauseCpu) / 1e6;
        double timedJitMs = jitReported ? jitMs() - jit0 : -1;
        MemorySample end = sampleAfterGc();
        double loadEnd = loadAverage();
        int b = config.batchSize();
        return new BenchmarkReport(preset.name(), preset.network().text(), preset.neuron().timeSteps(), b, n,
                new BenchmarkReport.Warmup(gate.batches(), gate.settled(), timedJitMs), backend(), StockNetworks.convolutionHelper(stock), threads, loadStart, loadEnd, thresholdInitMs, spikingTimes.wall(b),
                spikingTimes.cpu(b), stockTimes.wall(b), stockTimes.cpu(b), wallMs, processCpuMs, start, middle, end,
                perBatch);
    }

    /** Runs one batch through both networks, recording into the recorders unless they are null (warm-up). */
    private static void runBatch(MultiLayerNetwork spiking, MultiLayerNetwork stock, DataSet batch,
                                 Recorder spikingTimes, Recorder stockTimes) {
        INDArray stockFeatures = StockNetworks.stockFeatures(batch.getFeatures());
        time(spiking, batch, spikingTimes);
        time(stock, new DataSet(stockFeatures, batch.getLabels()), stockTimes);
    }

    private static void time(MultiLayerNetwork net, DataSet batch, Recorder into) {
        INDArray x = batch.getFeatures();
        long w0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        net.output(x, true);
        long w1 = System.nanoTime();
        long c1 = THREADS.getCurrentThreadCpuTime();
        net.fit(batch);
        long w2 = System.nanoTime();
        long c2 = THREADS.getCurrentThreadCpuTime();
        net.output(x);
        long w3 = System.nanoTime();
        long c3 = THREADS.getCurrentThreadCpuTime();
        if (into != null) {
            into.add(new long[]{w1 - w0, w2 - w1, w3 - w2}, new long[]{c1 - c0, c2 - c1, c3 - c2});
        }
    }

    /** @return CPU time of the whole process (all threads, native ones included), 10 ms resolution on Linux */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /**
     * Collects garbage a few times, each followed by a pause for ND4J's deallocator threads to free the
     * native buffers (and drop the bookkeeping) of the arrays found dead, then samples: what is left is
     * what the program still holds.
     */
    private static MemorySample sampleAfterGc() {
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
            try {
                Thread.sleep(GC_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return MemorySample.now();
    }

    /** @return total JIT compilation time of this JVM so far in ms, or -1 if the JVM does not report it */
    private static double jitMs() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String backend() {
        String ext = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        return Nd4j.getBackend().getClass().getSimpleName() + (ext.isEmpty() ? "" : " (" + ext + ")");
    }

    /** One network's per-batch times of forward, step and inference, wall clock and thread CPU, in ms. */
    private static final class Recorder {

        private final double[][] wall;
        private final double[][] cpu;
        private int batches;

        Recorder(int capacity) {
            wall = new double[3][capacity];
            cpu = new double[3][capacity];
        }

        /** @param wallNanos forward, step, inference wall-clock times; @param cpuNanos the same in CPU time */
        void add(long[] wallNanos, long[] cpuNanos) {
            for (int k = 0; k < 3; k++) {
                wall[k][batches] = wallNanos[k] / 1e6;
                cpu[k][batches] = cpuNanos[k] / 1e6;
            }
            batches++;
        }

        NetworkTimings wall(int batchSize) {
            return NetworkTimings.of(wall[0], wall[1], wall[2], batchSize);
        }

        NetworkTimings cpu(int batchSize) {
            return NetworkTimings.of(cpu[0], cpu[1], cpu[2], batchSize);
        }
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
