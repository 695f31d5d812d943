package org.spiketime4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.TrainingOptions;
import org.spiketime4j.train.TrainingRun;
import picocli.CommandLine;
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

    @Option(names = "--out", description = "output folder (default: runs/PRESET-TIMESTAMP); it must not hold a run "
            + "already (continue one with --resume)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its last checkpoint, "
            + "with the options it was started with (stored in DIR/run.json); options given here must agree with them")
    Path resume;

    @Option(names = "--workers", paramLabel = "N", description = "train on N data-parallel workers in this JVM "
            + "(DL4J ParallelWrapper, parameters averaged); --batch is per worker")
    Integer workers;

    @Option(names = "--spark", paramLabel = "MASTER", description = "train on Apache Spark: local[N] (N workers in "
            + "this JVM, no server) or spark://host:7077 (parameters averaged on the driver); --batch is per worker")
    String spark;

    @Option(names = "--averaging-frequency", paramLabel = "K", description = "with --workers or --spark: steps each "
            + "worker takes between parameter averagings (default: 1, after every step)")
    Integer averagingFrequency;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (resume != null && out != null && !resume.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--resume " + resume + " continues the run in its own folder: drop --out "
                    + out + " (to start a new run in " + out + ", drop --resume)");
        }
        TrainingOptions options = resume != null ? resumeOptions() : requested(out != null ? out
                : Path.of("runs", preset + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        long t0 = System.nanoTime();
        double accuracy;
        try (DistributedOptions.Engine engine = DistributedOptions.engine(workers, spark, averagingFrequency, seed)) {
            if (engine.description() != null) {
                System.err.println("spiketime train: " + engine.description());
            }
            TrainingRun run = new TrainingRun(options, System.err, engine.trainer());
            accuracy = resume != null ? run.resume() : run.start();
        }
        System.out.printf(Locale.ROOT, "total time: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", accuracy);
        return 0;
    }

    /** The options as given on the command line (defaults for those not given). */
    private TrainingOptions requested(Path dir) {
        for (var o : new Object[][] {{"--epochs", epochs}, {"--batch", batch}}) {
            if (o[1] != null && (Integer) o[1] < 1) {
                throw new IllegalArgumentException(o[0] + " must be >= 1, got " + o[1]);
            }
        }
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
        if (limit < 0 || testLimit < 0) {
            throw new IllegalArgumentException((limit < 0 ? "--limit" : "--test-limit") + " must be >= 0 (0 = all), got "
                    + Math.min(limit, testLimit));
        }
        return new TrainingOptions(p, data, limit, testLimit, seed, dir);
    }

    /**
     * The options stored in the run folder; an option also given on the command line must agree with them (a
     * resumed run keeps its schedule, data and limits).
     */
    private TrainingOptions resumeOptions() throws IOException {
        if (!Files.isDirectory(resume)) {
            throw new IllegalArgumentException("--resume " + resume + ": " + (Files.exists(resume) ? "not a folder"
                    : "no such run folder"));
        }
        TrainingOptions given = requested(resume);
        TrainingOptions stored = TrainingRun.storedOptions(resume);
        if (stored == null) {
            System.err.println("warning: " + resume + " has no " + TrainingRun.OPTIONS_FILE + " (a run of an earlier "
                    + "version): resuming with the options of this command line");
            return given;
        }
        Map<String, Object> was = stored.settings();
        Map<String, Object> now = given.settings();
        for (String key : was.keySet()) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--" + key) && !Objects.equals(was.get(key), now.get(key))) {
                throw new IllegalArgumentException("--" + key + " " + now.get(key) + " conflicts with the run in " + resume
                        + ", which was started with " + key + " " + was.get(key) + " (see its " + TrainingRun.OPTIONS_FILE
                        + "); --resume continues a run with its own options: drop --" + key);
            }
        }
        return stored;
    }
}
