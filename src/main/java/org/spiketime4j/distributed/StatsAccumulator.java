package org.spiketime4j.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.util.AccumulatorV2;
import org.spiketime4j.train.TrainingMonitor.EpochStats;

/**
 * A Spark accumulator that carries the training statistics of the executors' batches to the driver. Spark merges
 * each finished task's copy into the driver's instance (on the driver), which passes every part to its sink, the
 * driver's training monitor: progress, loss, accuracy and spike counts as in a run in one process.
 */
final class StatsAccumulator extends AccumulatorV2<EpochStats, List<EpochStats>> {

    private static final long serialVersionUID = 1L;

    private final ArrayList<EpochStats> parts = new ArrayList<>();
    private transient Consumer<EpochStats> sink;

    /** @param sink where parts merged on the driver go (null: they are kept in {@link #value}) */
    void sink(Consumer<EpochStats> sink) {
        this.sink = sink;
    }

    @Override
    public boolean isZero() {
        return parts.isEmpty();
    }

    @Override
    public StatsAccumulator copy() {
        StatsAccumulator c = new StatsAccumulator();
        c.parts.addAll(parts);
        return c;
    }

    @Override
    public void reset() {
        parts.clear();
    }

    @Override
    public void add(EpochStats part) {
        if (sink != null) {
            sink.accept(part);
        } else {
            parts.add(part);
        }
    }

    @Override
    public void merge(AccumulatorV2<EpochStats, List<EpochStats>> other) {
        for (EpochStats part : other.value()) {
            add(part);
        }
    }

    @Override
    public List<EpochStats> value() {
        return List.copyOf(parts);
    }
}
