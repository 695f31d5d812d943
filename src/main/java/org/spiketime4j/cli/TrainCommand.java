package org.spiketime4j.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.TrainingOptions;
import org.spiketime4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spiketime train --preset P [...]}: trains a preset and prints the test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one of the paper's configurations; the last line printed is the test accuracy.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "mnist", description = "mnist, fashion-mnist or nmnist (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--epochs", description = "epochs to train (default: the preset's); the cosine schedule spans them")
    Integer epochs;

    @Option(names = "--batch", description = "batch size (default: the preset's, 50)")
    Integer batch;

    @Option(names = "--limit", defaultValue = "0", description = "train on the first N training examples only (0 = all)")
    int limit;

    @Option(names = "--test-limit", defaultValue = "0", description = "evaluate on the first N test examples only (0 = all)")
    int testLimit;

    @Option(names = "--loss", description = "count, count+, count0, kernel, TET, CE+, timing or TTFS (default: the preset's, count+)")
    String loss;

    @Option(names = "--seed", defaultValue = "42", description = "seed of initialisation and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", description = "data folder (default: the preset's folder under datasets/: mnist, fashion-mnist, or nmnist-small = 1,100 real N-MNIST recordings)")
    Path data;

    @Option(names = "--out", description = "output folder (default: runs/PRESET-TIMESTAMP)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its last checkpoint")
    Path resume;

    @Override
    public Integer call() throws Exception {
        Preset p = Presets.byName(preset);
        if (epochs != null) {
            p = p.withEpochs(epochs);
        }
        if (batch != null) {
            p = p.withBatchSize(batch);
        }
        if (loss != null) {
            p = p.withLoss(LossKind.fromName(loss));
        }
        Path dir = resume != null ? resume : out != null ? out
                : Path.of("runs", p.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        TrainingOptions options = new TrainingOptions(p, data, limit, testLimit, seed, dir);
        System.err.println("spiketime train: " + p.describe().replace("\n", "\n  "));
        System.err.println("  output: " + dir.toAbsolutePath());
        long t0 = System.nanoTime();
        TrainingRun run = new TrainingRun(options, System.err);
        double accuracy = resume != null ? run.resume() : run.start();
        System.out.printf(Locale.ROOT, "total time: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", accuracy);
        return 0;
    }
}
