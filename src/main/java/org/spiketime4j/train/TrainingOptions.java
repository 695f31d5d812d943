package org.spiketime4j.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a training run does besides the preset.
 *
 * @param preset    the configuration (its epochs set the cosine schedule)
 * @param dataDir   the data folder, or null for the preset's default
 * @param limit     train on the first N training examples only (0 for all)
 * @param testLimit evaluate on the first N test examples only (0 for all)
 * @param seed      seed of weight initialisation and shuffling
 * @param outDir    where metrics.jsonl, the checkpoint and curves.png go
 */
public record TrainingOptions(Preset preset, Path dataDir, int limit, int testLimit, long seed, Path outDir) {

    /** Validates the options. */
    public TrainingOptions {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(outDir, "outDir");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("testLimit must be >= 0 (0 = all), got " + testLimit);
        }
        if (limit > 0 && limit < preset.batchSize()) {
            throw new IllegalArgumentException("limit " + limit + " is smaller than one batch of " + preset.batchSize());
        }
    }
}
