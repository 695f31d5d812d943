package org.spiketime4j.bench;

import java.nio.file.Path;
import java.util.Objects;
import org.spiketime4j.train.Preset;

/**
 * What a benchmark run measures.
 *
 * @param preset    the network and data to benchmark (its batch size is ignored: see {@code batchSize})
 * @param dataDir   the data folder, or null for the preset's default (for N-MNIST the shipped real subset)
 * @param batchSize samples per batch, &gt;= 1
 * @param batches   timed batches, &gt;= 1
 * @param warmup    untimed batches run first at least, &gt;= 0
 * @param maxWarmup untimed batches at most, &gt;= warmup: after {@code warmup} batches the warm-up goes on
 *                  until the JIT compiler has settled ({@link WarmupGate}); equal to {@code warmup} for a
 *                  fixed warm-up
 * @param threads   ND4J/OpenMP/BLAS thread count to set for the run, or 0 to keep the settings in effect
 * @param seed      weight-initialisation and shuffle seed
 */
public record BenchmarkConfig(Preset preset, Path dataDir, int batchSize, int batches, int warmup, int maxWarmup, int threads,
                              long seed) {

    /** Validates the settings. */
    public BenchmarkConfig {
        Objects.requireNonNull(preset, "preset");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be >= 1, got " + batches);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        }
        if (maxWarmup < warmup) {
            throw new IllegalArgumentException("maxWarmup must be >= warmup (" + warmup + "), got " + maxWarmup);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = keep the settings in effect), got " + threads);
        }
    }
}
