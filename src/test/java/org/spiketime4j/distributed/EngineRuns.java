package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.spiketime4j.train.Checkpoint;
import org.spiketime4j.train.EpochTrainer;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.TrainingOptions;
import org.spiketime4j.train.TrainingRun;

/** A whole run through {@link TrainingRun} on a distributed engine: it learns, logs, checkpoints and resumes. */
final class EngineRuns {

    private EngineRuns() {
    }

    private static TrainingOptions options(Path out) {
        return new TrainingOptions(Presets.MNIST.withEpochs(2).withBatchSize(25), Path.of("datasets", "mnist"), 300,
                100, 5, out);
    }

    /**
     * Two epochs on 300 images, batches of 25 per worker; then the same run stopped after epoch 1 and resumed.
     *
     * @param engine the engine under test
     * @param dir    a scratch folder
     * @throws Exception if the run fails
     */
    static void learnsLogsAndResumesIdentically(EpochTrainer engine, Path dir) throws Exception {
        Path full = dir.resolve("full");
        double accuracy = new TrainingRun(options(full), null, engine).start();
        assertTrue(accuracy > 0.3, "300 examples x 2 epochs should beat chance (0.1) by far, got " + accuracy);
        List<String> lines = Files.readAllLines(full.resolve(TrainingRun.METRICS_FILE));
        assertEquals(2, lines.size());
        JsonNode last = new ObjectMapper().readTree(lines.get(1));
        assertEquals(accuracy, last.get("test_accuracy").asDouble(), 1e-12);
        assertTrue(last.get("train_accuracy").asDouble() > 0.1, "the workers' statistics reach the metrics: " + last);
        assertEquals(4, last.get("spikes_per_neuron").size(), "one entry per spiking layer: " + last);
        MultiLayerNetwork a = Checkpoint.read(full.resolve(TrainingRun.MODEL_FILE));
        assertEquals(2, a.getEpochCount());
        assertEquals(12, a.getIterationCount(), "300 / (2 workers x 25) = 6 averaged steps per epoch");

        Path part = dir.resolve("part");
        new TrainingRun(options(part), null, engine).startEpochs(1);
        double resumed = new TrainingRun(options(part), null, engine).resume();
        MultiLayerNetwork b = Checkpoint.read(part.resolve(TrainingRun.MODEL_FILE));
        assertEquals(a.params(), b.params(), "resumed parameters equal the uninterrupted run's");
        assertEquals(a.getUpdater().getStateViewArray(), b.getUpdater().getStateViewArray(), "and Adam's moments");
        assertEquals(accuracy, resumed, 1e-12);
    }
}
