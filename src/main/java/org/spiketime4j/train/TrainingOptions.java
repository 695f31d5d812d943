package org.spiketime4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.spiketime4j.loss.LossKind;

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
        if (outDir.toString().isBlank()) {
            throw new IllegalArgumentException("the output folder must not be empty (got \"\")");
        }
        if (dataDir != null && dataDir.toString().isBlank()) {
            throw new IllegalArgumentException("the data folder must not be empty (got \"\")");
        }
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

    /**
     * The options as the command line names them ({@code preset}, {@code epochs}, {@code batch}, {@code loss},
     * {@code data}, {@code limit}, {@code test-limit}, {@code seed}); this is what a run folder's {@code run.json}
     * holds, and what {@code --resume} compares the options given on its command line with.
     *
     * @return the settings, in that order; the data folder as an absolute path, or null for the preset's default
     */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", preset.name());
        m.put("epochs", preset.epochs());
        m.put("batch", preset.batchSize());
        m.put("loss", preset.loss().cliName());
        m.put("data", dataDir == null ? null : dataDir.toAbsolutePath().normalize().toString());
        m.put("limit", limit);
        m.put("test-limit", testLimit);
        m.put("seed", seed);
        return m;
    }

    /**
     * The inverse of {@link #settings()}.
     *
     * @param settings the parsed JSON object
     * @param outDir   the run folder
     * @return the options
     * @throws IllegalArgumentException if a setting is missing or invalid (message names it)
     */
    public static TrainingOptions fromSettings(JsonNode settings, Path outDir) {
        Preset p = Presets.byName(text(settings, "preset"))
                .withEpochs(integer(settings, "epochs"))
                .withBatchSize(integer(settings, "batch"))
                .withLoss(LossKind.fromName(text(settings, "loss")));
        JsonNode data = settings.get("data");
        return new TrainingOptions(p, data == null || data.isNull() ? null : Path.of(data.asText()),
                integer(settings, "limit"), integer(settings, "test-limit"), require(settings, "seed").asLong(), outDir);
    }

    private static JsonNode require(JsonNode settings, String key) {
        JsonNode n = settings == null ? null : settings.get(key);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("lacks \"" + key + "\"");
        }
        return n;
    }

    private static String text(JsonNode settings, String key) {
        JsonNode n = require(settings, key);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" must be text, got " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode settings, String key) {
        JsonNode n = require(settings, key);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an integer, got " + n);
        }
        return n.asInt();
    }
}
