package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiketime4j.train.TrainingRun;

/** {@code train --workers N} and {@code train --spark MASTER} from the command line. */
class DistributedCliTest {

    private static void trainsAndReports(Path out, String engine, String... engineArgs) throws Exception {
        String[] common = {"train", "--preset", "mnist", "--epochs", "1", "--limit", "100", "--test-limit", "50",
                "--batch", "25", "--seed", "5", "--out", out.toString()};
        String[] args = new String[common.length + engineArgs.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(engineArgs, 0, args, common.length, engineArgs.length);
        String[] printed = CliRunner.run(0, args);
        String[] lines = printed[0].strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("test accuracy: 0\\.\\d{4}"), printed[0]);
        assertTrue(printed[1].contains("engine: " + engine), printed[1]);
        assertTrue(printed[1].contains("epoch 1 [##############################] 4/4"), "progress: " + printed[1]);
        assertTrue(Files.isRegularFile(out.resolve(TrainingRun.MODEL_FILE)));
        assertTrue(Files.readAllLines(out.resolve(TrainingRun.METRICS_FILE)).size() == 1);
    }

    @Test
    void workersTrainInThisJvm(@TempDir Path dir) throws Exception {
        trainsAndReports(dir, "ParallelWrapper, 2 workers", "--workers", "2");
    }

    @Test
    void sparkTrainsInLocalMode(@TempDir Path dir) throws Exception {
        trainsAndReports(dir, "Spark local[2], 2 workers", "--spark", "local[2]", "--averaging-frequency", "1");
    }

    @Test
    void contradictoryOptionsAreUserErrors(@TempDir Path dir) {
        String out = dir.toString();
        assertTrue(CliRunner.run(2, "train", "--workers", "2", "--spark", "local[2]", "--out", out)[1]
                .contains("exclude each other"));
        assertTrue(CliRunner.run(2, "train", "--averaging-frequency", "2", "--out", out)[1]
                .contains("needs --workers or --spark"));
        assertTrue(CliRunner.run(2, "train", "--workers", "1", "--out", out)[1].contains("--workers must be >= 2"));
        assertTrue(CliRunner.run(2, "train", "--workers", "2", "--averaging-frequency", "0", "--out", out)[1]
                .contains("--averaging-frequency must be >= 1"));
    }
}
