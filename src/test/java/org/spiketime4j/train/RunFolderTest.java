package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locking, stored options, metrics kept in step with the checkpoint, leftovers removed. */
class RunFolderTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunIntoALockedFolderFailsAtOnce() throws Exception {
        try (RunFolder first = RunFolder.lock(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunFolder.lock(dir));
            assertTrue(e.getMessage().contains("in use by another training run"), e.getMessage());
        }
        RunFolder.lock(dir).close();                      // released: usable again
    }

    @Test
    void optionsRoundTripThroughRunJson() throws Exception {
        TrainingOptions o = new TrainingOptions(Presets.MNIST.withEpochs(3).withBatchSize(20), Path.of("datasets/mnist"),
                100, 40, 7, dir);
        try (RunFolder f = RunFolder.lock(dir)) {
            f.requireFresh();
            f.writeOptions(o);
            f.requireFresh();                             // options alone: a run stopped before its first checkpoint
            Files.writeString(dir.resolve(TrainingRun.METRICS_FILE), "{\"epoch\":1}\n");
            assertThrows(IllegalStateException.class, f::requireFresh);
        }
        TrainingOptions back = TrainingRun.storedOptions(dir);
        assertEquals(o.settings(), back.settings());
        assertEquals(3, back.preset().epochs());
        assertEquals(20, back.preset().batchSize());
    }

    @Test
    void metricsAfterTheCheckpointAndHalfLinesAreDropped() throws Exception {
        Path m = Files.writeString(dir.resolve(TrainingRun.METRICS_FILE),
                "{\"epoch\":1,\"a\":1}\n{\"epoch\":2,\"a\":2}\n{\"epoch\":2,\"a\":3}\n{\"epoch\":3,\"a\":4}\n{\"epo");
        try (RunFolder f = RunFolder.lock(dir)) {
            f.keepMetricsOf(2);
        }
        assertEquals(List.of("{\"epoch\":1,\"a\":1}", "{\"epoch\":2,\"a\":2}"), Files.readAllLines(m));
    }

    @Test
    void leftoverTemporaryCheckpointsAreRemoved() throws Exception {
        Path old = Files.writeString(dir.resolve("model.zip123456.tmp"), "x");
        Path now = Files.writeString(dir.resolve(".model.zip.99.tmp"), "x");
        RunFolder.lock(dir).close();
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(now));
    }

    @Test
    void aFolderWhereTheCurvesGoIsRejectedUpFront() throws Exception {
        Files.createDirectories(dir.resolve(TrainingRun.CURVES_FILE));
        try (RunFolder f = RunFolder.lock(dir)) {
            assertTrue(assertThrows(IllegalArgumentException.class, f::requireFresh).getMessage().contains("is a folder"));
        }
    }
}
