package org.spiketime4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spiketime4j.data.AtomicFiles;
import org.spiketime4j.data.IdxDataset;
import org.spiketime4j.data.SaccadeConfig;
import org.spiketime4j.data.SaccadeEmulator;
import org.spiketime4j.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spiketime nmnist emulate}: writes an emulated N-MNIST data set in the official layout. */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Turn MNIST images into N-MNIST-format event files (three saccades along a triangle, "
                + "log-intensity change events) in the official layout DIR/Train/<digit>/*.bin, "
                + "DIR/Test/<digit>/*.bin. Deterministic for a seed."})
final class NmnistEmulateCommand implements Callable<Integer> {

    @Option(names = "--mnist", required = true, paramLabel = "DIR",
            description = "IDX folder with the MNIST files (for example datasets/mnist)")
    Path mnist;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output root folder")
    Path out;

    @Option(names = "--limit", paramLabel = "N",
            description = "emulate the first N training images (default: all 60,000)")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N",
            description = "emulate the first N test images (default: a quarter of --limit, at most all 10,000)")
    Integer testLimit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (out.toString().isBlank()) {
            throw new IllegalArgumentException("--out must name a folder, got \"\"");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        IdxDataset train = IdxDataset.load(mnist, Split.TRAIN);
        IdxDataset test = IdxDataset.load(mnist, Split.TEST);
        int nTrain = count("--limit", limit, train.size());
        int nTest = count("--test-limit", testLimit == null ? Math.max(1, (nTrain + 3) / 4) : testLimit, test.size());
        SaccadeEmulator emulator = new SaccadeEmulator(SaccadeConfig.DEFAULT);
        long start = System.nanoTime();
        long events = write(emulator, train, Split.TRAIN, nTrain);
        events += write(emulator, test, Split.TEST, nTest);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "wrote %d training and %d test samples to %s: %.0f events per sample on average, %.1f s",
                nTrain, nTest, out, events / (double) (nTrain + nTest), seconds));
        return 0;
    }

    private long write(SaccadeEmulator emulator, IdxDataset data, Split split, int n) throws IOException {
        ConsoleProgress bar = new ConsoleProgress(System.err, split.eventFolder(), n);
        try {
            return emulator.writeSplit(data, split, n, out, seed, bar::update);
        } catch (IOException e) {
            throw new IOException("nmnist emulate into " + out + ": " + AtomicFiles.reason(e) + "; every .bin file "
                    + "written is complete (each is written whole or not at all)", e);
        } finally {
            bar.finish();                                 // the error, if any, starts on a line of its own
        }
    }

    private static int count(String option, Integer requested, int available) {
        if (requested == null) {
            return available;
        }
        if (requested < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + requested);
        }
        return Math.min(requested, available);
    }
}
