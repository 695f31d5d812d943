package org.spiketime4j.cli;

import org.spiketime4j.distributed.ParallelTraining;
import org.spiketime4j.distributed.SparkTraining;
import org.spiketime4j.train.EpochTrainer;

/** The engine that {@code train --workers N} or {@code train --spark MASTER} selects. */
final class DistributedOptions {

    private DistributedOptions() {
    }

    /**
     * How the epochs are trained, and what to stop afterwards.
     *
     * @param trainer     the epoch trainer
     * @param description a line for the run's header, or null for a run in one process
     * @param spark       the Spark engine to stop, or null
     */
    record Engine(EpochTrainer trainer, String description, SparkTraining spark) implements AutoCloseable {
        @Override
        public void close() {
            if (spark != null) {
                spark.close();
            }
        }
    }

    /**
     * @param workers            --workers, or null
     * @param spark              --spark, or null
     * @param averagingFrequency --averaging-frequency, or null for 1
     * @param seed               the run's seed (it also seeds Spark's split of the data)
     * @return the engine
     * @throws IllegalArgumentException if the options contradict each other
     */
    static Engine engine(Integer workers, String spark, Integer averagingFrequency, long seed) {
        if (workers != null && spark != null) {
            throw new IllegalArgumentException("--workers and --spark exclude each other: --spark local[N] runs N workers");
        }
        if (averagingFrequency != null && workers == null && spark == null) {
            throw new IllegalArgumentException("--averaging-frequency needs --workers or --spark");
        }
        int k = averagingFrequency == null ? 1 : averagingFrequency;
        if (k < 1) {
            throw new IllegalArgumentException("--averaging-frequency must be >= 1, got " + k);
        }
        if (workers != null) {
            if (workers < 2) {
                throw new IllegalArgumentException("--workers must be >= 2 (for one process leave it out), got " + workers);
            }
            return new Engine(new ParallelTraining(workers, k), "engine: ParallelWrapper, " + workers
                    + " workers, parameters and updater state averaged every " + k + " step(s)", null);
        }
        if (spark != null) {
            SparkTraining s = SparkTraining.start(spark, k, seed);
            return new Engine(s, "engine: Spark " + spark + ", " + s.workers() + " workers, parameters and updater "
                    + "state averaged every " + k + " step(s)", s);
        }
        return new Engine(EpochTrainer.LOCAL, null, null);
    }
}
