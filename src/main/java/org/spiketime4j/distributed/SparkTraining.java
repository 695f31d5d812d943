package org.spiketime4j.distributed;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.train.EpochTrainer;
import org.spiketime4j.train.TrainingMonitor;

/**
 * Data-parallel training on Apache Spark with DL4J's {@link SparkDl4jMultiLayer} / {@link SparkComputationGraph}
 * and a {@link ParameterAveragingTrainingMaster}: the driver broadcasts parameters and updater state, each of
 * the {@link #workers} task slots trains {@code averagingFrequency} batches, then parameters and updater state
 * (the moments of {@code ReferenceAdam}) are averaged on the driver. Works for any spiking
 * {@link MultiLayerNetwork} or {@link ComputationGraph}:
 *
 * (Usage: the README, section Distributed training; {@code SparkTrainingTest} runs it.)
 *
 * <p>What it adds to the stock classes: the updater state travels ({@code saveUpdater(true)}: without it every
 * split would restart Adam's moments from the driver's stale copy); the network's listeners go to the executors
 * (Spark only ships those given to the training master, and only what Java serialization can write: anything
 * else is refused before training with an error naming it), each {@code GradientNormClip} with the threshold of a
 * worker's share of the combined batch ({@code WorkerClip}), the driver's {@link TrainingMonitor} replaced by an executor-side one whose
 * statistics come back through a Spark accumulator; {@code onEpochStart}/{@code onEpochEnd} run on the driver.
 * The driver's iteration count advances by {@code averagingFrequency} per split and its epoch count by one per
 * epoch (both done by DL4J), and the workers start each split from those counts, so Adam's bias correction and
 * the cosine schedule see global counts. Data go as an RDD of batches ({@code RDDTrainingApproach.Direct}).
 */
public final class SparkTraining implements EpochTrainer, AutoCloseable {

    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final int averagingFrequency;
    private final long seed;
    private final StatsAccumulator stats = new StatsAccumulator();

    /**
     * @param sc                 the Spark context (not closed by {@link #close})
     * @param averagingFrequency batches each worker trains between averagings, &gt;= 1
     * @param seed               seed of the data split between workers
     */
    public SparkTraining(JavaSparkContext sc, int averagingFrequency, long seed) {
        this(sc, false, averagingFrequency, seed);
    }

    private SparkTraining(JavaSparkContext sc, boolean ownsContext, int averagingFrequency, long seed) {
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averagingFrequency must be >= 1, got " + averagingFrequency);
        }
        this.sc = java.util.Objects.requireNonNull(sc, "sc");
        this.ownsContext = ownsContext;
        this.averagingFrequency = averagingFrequency;
        this.seed = seed;
        sc.sc().register(stats, "spiketime4j training statistics");
    }

    /**
     * Starts a Spark context of its own (closed by {@link #close}).
     *
     * @param master             the Spark master: {@code local[N]} (in this JVM, no server), {@code spark://host:7077}
     * @param averagingFrequency batches each worker trains between averagings, &gt;= 1
     * @param seed               seed of the data split between workers
     * @return the trainer
     */
    public static SparkTraining start(String master, int averagingFrequency, long seed) {
        return start(conf(master), averagingFrequency, seed);
    }

    /**
     * Starts a Spark context of its own (closed by {@link #close}) from a configuration, for example {@link #conf}
     * with {@code spark.serializer=org.apache.spark.serializer.KryoSerializer} and
     * {@code spark.kryo.registrator=org.nd4j.kryo.Nd4jRegistrator}.
     *
     * @param conf               the Spark configuration
     * @param averagingFrequency batches each worker trains between averagings, &gt;= 1
     * @param seed               seed of the data split between workers
     * @return the trainer
     */
    public static SparkTraining start(SparkConf conf, int averagingFrequency, long seed) {
        return new SparkTraining(new JavaSparkContext(conf), true, averagingFrequency, seed);
    }

    /**
     * @param master the Spark master URL
     * @return the configuration {@link #start} uses: Java serialization; in local mode no web UI and the
     *         loopback address
     */
    public static SparkConf conf(String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("master must be a Spark master URL such as local[2] or spark://host:7077, got '"
                    + master + "'");
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName("spiketime4j");
        if (master.startsWith("local")) {
            conf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    /** @return the number of data-parallel workers: Spark's default parallelism (N of {@code local[N]}, or the cores) */
    public int workers() {
        return sc.defaultParallelism();
    }

    /** @return the Spark context */
    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public void fitEpoch(MultiLayerNetwork net, DataSetIterator train, TrainingMonitor monitor) {
        if (!train.hasNext() && train.resetSupported()) {
            train.reset();
        }
        List<DataSet> batches = new ArrayList<>();
        while (train.hasNext()) {
            batches.add(train.next());
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("the training iterator has no batches");
        }
        // repartitioned once: the partitions of a parallelized collection hold their data, and every task of every
        // split would carry it again (Spark warned of 9 MB tasks for 6,000 MNIST images)
        int partitions = Math.min(workers(), batches.size());
        JavaRDD<DataSet> rdd = sc.parallelize(batches, partitions).repartition(partitions);
        try {
            fitEpoch(net, rdd, batches.get(0).numExamples());
        } finally {
            rdd.unpersist(false);
        }
    }

    /**
     * Trains one epoch on Spark.
     *
     * @param model          a MultiLayerNetwork or ComputationGraph, initialised (thresholds too)
     * @param data           the epoch's training batches
     * @param batchPerWorker examples per worker step (the size of the batches in {@code data})
     * @throws IllegalArgumentException if a listener of the model cannot be shipped to the executors
     */
    public void fitEpoch(Model model, JavaRDD<DataSet> data, int batchPerWorker) {
        List<TrainingListener> listeners = Models.listeners(model);
        List<TrainingListener> executorListeners = new ArrayList<>();
        Consumer<TrainingMonitor.EpochStats> sink = null;
        for (TrainingListener l : WorkerClip.forWorkers(model, listeners, workers())) {
            if (l instanceof TrainingMonitor m) {
                sink = m::add;
                executorListeners.add(new ExecutorMonitor(stats));
            } else {
                requireSerializable(l);
                executorListeners.add(l);
            }
        }
        for (TrainingListener l : listeners) {
            l.onEpochStart(model);
        }
        stats.reset();
        stats.sink(sink);
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers(), batchPerWorker)
                .batchSizePerWorker(batchPerWorker)
                .averagingFrequency(averagingFrequency)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(seed + epochOf(model))
                .build();
        try {
            if (model instanceof MultiLayerNetwork n) {
                SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, n, master);
                spark.setListeners(executorListeners);
                spark.fit(data);
            } else {
                SparkComputationGraph spark = new SparkComputationGraph(sc, (ComputationGraph) model, master);
                spark.setListeners(executorListeners);
                spark.fit(data);
            }
        } finally {
            stats.sink(null);
            master.deleteTempFiles(sc);
        }
        for (TrainingListener l : listeners) {
            l.onEpochEnd(model);
        }
    }

    private static void requireSerializable(TrainingListener l) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(l);
        } catch (IOException e) {
            throw new IllegalArgumentException("listener " + l.getClass().getName() + " cannot reach the Spark executors: "
                    + "Java serialization fails (" + e + ")", e);
        }
    }

    private static int epochOf(Model model) {
        return model instanceof MultiLayerNetwork n ? n.getEpochCount() : ((ComputationGraph) model).getEpochCount();
    }

    /** Stops the Spark context if {@link #start} created it. */
    @Override
    public void close() {
        if (ownsContext) {
            sc.close();
        }
    }
}
