package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** A tiny real run: it learns, logs metrics, checkpoints, and a resumed run equals an uninterrupted one. */
class TrainingRunTest {

    private static final Preset TINY = Presets.MNIST.withEpochs(2);

    private static TrainingOptions options(Path out) {
        return new TrainingOptions(TINY, Path.of("datasets", "mnist"), 300, 200, 5, out);
    }

    @Test
    void learnsLogsAndResumesIdentically(@TempDir Path dir) throws Exception {
        Path full = dir.resolve("full");
        double accuracy = new TrainingRun(options(full), null).start();
        assertTrue(accuracy > 0.5, "300 examples x 2 epochs should beat chance (0.1) by far, got " + accuracy);
        List<String> lines = Files.readAllLines(full.resolve(TrainingRun.METRICS_FILE));
        assertEquals(2, lines.size());
        JsonNode last = new ObjectMapper().readTree(lines.get(1));
        for (String key : new String[]{"epoch", "train_loss", "train_accuracy", "test_accuracy", "seconds",
                "spikes_per_neuron", "output_grad_sum"}) {
            assertTrue(last.has(key), "metrics line lacks " + key + ": " + lines.get(1));
        }
        assertEquals(4, last.get("spikes_per_neuron").size(), "one entry per spiking layer");
        assertEquals(accuracy, last.get("test_accuracy").asDouble(), 1e-12);
        byte[] model = Files.readAllBytes(full.resolve(TrainingRun.MODEL_FILE));
        assertThrows(IllegalStateException.class, () -> new TrainingRun(options(full), null).start(),
                "a finished run is not overwritten");
        assertArrayEquals(model, Files.readAllBytes(full.resolve(TrainingRun.MODEL_FILE)));
        assertEquals(2, Files.readAllLines(full.resolve(TrainingRun.METRICS_FILE)).size());

        // the same run, stopped after epoch 1 (as a kill during epoch 2 leaves it), then resumed
        Path part = dir.resolve("part");
        new TrainingRun(new TrainingOptions(TINY.withEpochs(2), Path.of("datasets", "mnist"), 300, 200, 5, part), null)
                .startEpochs(1);
        // a kill between epoch 2's metrics line and its checkpoint leaves a line the resumed run must replace
        Files.writeString(part.resolve(TrainingRun.METRICS_FILE), "{\"epoch\":2,\"stale\":true}\n",
                java.nio.file.StandardOpenOption.APPEND);
        double resumed = new TrainingRun(TrainingRun.storedOptions(part), null).resume();
        MultiLayerNetwork a = Checkpoint.read(full.resolve(TrainingRun.MODEL_FILE));
        MultiLayerNetwork b = Checkpoint.read(part.resolve(TrainingRun.MODEL_FILE));
        assertEquals(a.params(), b.params(), "resumed parameters equal the uninterrupted run's");
        assertEquals(accuracy, resumed, 1e-12);
        List<String> partLines = Files.readAllLines(part.resolve(TrainingRun.METRICS_FILE));
        assertEquals(2, partLines.size());
        assertFalse(partLines.get(1).contains("stale"), partLines.get(1));
    }

    @Test
    void corruptCheckpointIsAClearError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve(TrainingRun.MODEL_FILE);
        Files.writeString(bad, "not a zip");
        Throwable t = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(bad));
        assertTrue(t.getMessage().contains("cannot read model"), t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(dir.resolve("missing.zip")));
    }
}
