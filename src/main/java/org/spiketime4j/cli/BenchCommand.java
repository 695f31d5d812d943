package org.spiketime4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spiketime4j.bench.Benchmark;
import org.spiketime4j.bench.BenchmarkConfig;
import org.spiketime4j.bench.BenchmarkReport;
import org.spiketime4j.bench.WarmupGate;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spiketime bench [--preset P] [...]}: times the spiking network against a stock DL4J one. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time a preset's spiking network on its real training data, per batch: the forward pass in "
                + "training mode, the training step (forward, backward, update; backward + update = step - forward) "
                + "and inference, in wall-clock time and in CPU time of the benchmark thread; median, p10/p90, "
                + "samples per second; memory (heap, JavaCPP off-heap, ND4J workspaces, resident set) after garbage "
                + "collection at the start, middle and end of the timed batches (a leak grows from middle to end) "
                + "and its peak over all batches. A stock DL4J network of the same shapes (conv/avg-pool/"
                + "dense with ReLU, softmax output, one step instead of T) runs on the same batches, and the ratio "
                + "spiking/stock makes results comparable across machines.",
                "Warm-up: at least --warmup batches, then on until the JIT compiler has settled (at most "
                        + WarmupGate.SETTLED_SHARE_PERCENT + "%% of the time of the last " + WarmupGate.WINDOW
                        + " batches spent compiling) or --max-warmup batches have run: on 2 cores "
                        + "HotSpot compiles DL4J's and ND4J's code for some 80 MNIST steps, which run 30-50%% slower. "
                        + "The report gives the JIT time left in the timed batches.",
                "Threads: ND4J sizes its thread pool from OMP_NUM_THREADS at start-up (the launcher sets the number "
                        + "of cores, at most 8, unless it is set, and OMP_WAIT_POLICY=PASSIVE); the fused Java loops use "
                        + "as many threads as ND4J's master threads. --threads K lowers ND4J's master threads, the OpenMP team size and OpenBLAS's "
                        + "threads while the program runs; it cannot raise them above the start value. For more "
                        + "threads start it as OMP_NUM_THREADS=K ./spiketime bench ... The settings in effect are "
                        + "printed."})
final class BenchCommand implements Callable<Integer> {

    private static final int DEFAULT_MAX_WARMUP = 200;

    @Option(names = "--preset", defaultValue = "mnist", description = "mnist, fashion-mnist or nmnist (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--batch", description = "batch size (default: the preset's, 50)")
    Integer batch;

    @Option(names = "--batches", defaultValue = "50", description = "timed batches (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--warmup", defaultValue = "5", description = "untimed warm-up batches at least (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--max-warmup", description = "untimed warm-up batches at most: after --warmup the warm-up goes on "
            + "until the JIT compiler has settled (default: " + DEFAULT_MAX_WARMUP + ", or --warmup if that is larger; = --warmup "
            + "for a fixed warm-up)")
    Integer maxWarmup;

    @Option(names = "--threads", defaultValue = "0",
            description = "threads for ND4J ops, OpenMP and OpenBLAS, at most OMP_NUM_THREADS at start-up "
                    + "(default: 0 = keep the settings in effect)")
    int threads;

    @Option(names = "--seed", defaultValue = "42", description = "seed of initialisation and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", description = "data folder (default: the preset's folder under datasets/: mnist, fashion-mnist, or nmnist-small = 1,100 real N-MNIST recordings)")
    Path data;

    @Option(names = "--json", paramLabel = "FILE", description = "also write every number (times in ms, memory in bytes) as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        Preset p = Presets.byName(preset);
        BenchmarkConfig config = new BenchmarkConfig(p, data, batch == null ? p.batchSize() : batch, batches, warmup,
                maxWarmup == null ? Math.max(warmup, DEFAULT_MAX_WARMUP) : maxWarmup, threads, seed);
        if (json != null && json.toAbsolutePath().getParent() != null
                && !Files.isDirectory(json.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("--json: folder not found: " + json.toAbsolutePath().getParent());
        }
        ConsoleProgress warm = new ConsoleProgress(System.err, "bench " + p.name() + " warm-up batches (until the JIT settles)",
                config.maxWarmup());
        ConsoleProgress bar = new ConsoleProgress(System.err, "bench " + p.name() + " timed batches", batches);
        BenchmarkReport report = Benchmark.run(config, warm::update, done -> {
            warm.finish();
            bar.update(done);
        });
        System.out.print(report.toTable());
        if (json != null) {
            Files.writeString(json, report.toJson() + "\n", StandardCharsets.UTF_8);
            System.out.println("JSON: " + json.toAbsolutePath());
        }
        return 0;
    }
}
