package org.spiketime4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.spiketime4j.data.FrameBinning;
import org.spiketime4j.data.IdxDataSetIterator;
import org.spiketime4j.data.IndexedDataSetIterator;
import org.spiketime4j.data.NmnistDataSetIterator;
import org.spiketime4j.data.Split;

/** The training and test iterators of a preset's data. */
public final class DataSources {

    private DataSources() {
    }

    /**
     * @param preset  the preset (its dataset kind, T and flips)
     * @param dataDir the data folder (IDX files, or N-MNIST in the official layout); null for the default
     *                of the kind under the project home ({@code datasets/mnist}, {@code datasets/fashion-mnist},
     *                or for N-MNIST {@code datasets/nmnist-small}: 1,000 + 100 real recordings)
     * @return the folder to read
     * @throws IllegalArgumentException if there is no such folder
     */
    public static Path resolve(Preset preset, Path dataDir) {
        Path dir = dataDir;
        if (dir == null) {
            String home = System.getProperty("spiketime.home", ".");
            dir = switch (preset.dataset()) {
                case MNIST -> Path.of(home, "datasets", "mnist");
                case FASHION_MNIST -> Path.of(home, "datasets", "fashion-mnist");
                case NMNIST -> Path.of(home, "datasets", "nmnist-small");
            };
        }
        if (Files.exists(dir) && !Files.isDirectory(dir) && preset.dataset() != Preset.DatasetKind.NMNIST) {
            throw new IllegalArgumentException("data folder " + dir + " is a file, not a folder of IDX files");
        }
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("data folder not found: " + dir.toAbsolutePath()
                    + (preset.dataset() == Preset.DatasetKind.FASHION_MNIST ? " (run datasets/fetch-fashion-mnist.sh)" : ""));
        }
        return dir;
    }

    /**
     * @param preset    the preset
     * @param dataDir   the data folder (see {@link #resolve})
     * @param split     training or test
     * @param batchSize batch size
     * @param limit     use only the first N examples (0 for all)
     * @param seed      shuffle (and flip) seed; test data is not shuffled
     * @return the iterator, at epoch 0
     * @throws IOException if the data cannot be read
     * @throws IllegalArgumentException if its examples do not have the shape the preset's network takes
     */
    public static IndexedDataSetIterator iterator(Preset preset, Path dataDir, Split split, int batchSize, int limit,
                                                  long seed) throws IOException {
        IndexedDataSetIterator it = open(preset, dataDir, split, batchSize, limit, seed);
        long[] expected = SpikingNetworks.inputType(preset).getShape(false);
        if (!Arrays.equals(expected, it.exampleShape())) {
            throw new IllegalArgumentException("the " + split.name().toLowerCase(Locale.ROOT) + " data in "
                    + resolve(preset, dataDir) + " has examples of shape " + Arrays.toString(it.exampleShape())
                    + ", the " + preset.name() + " network takes " + Arrays.toString(expected)
                    + " ([channels, height, width], or [channels, T, height, width] for events)");
        }
        return it;
    }

    private static IndexedDataSetIterator open(Preset preset, Path dataDir, Split split, int batchSize, int limit,
                                               long seed) throws IOException {
        Path dir = resolve(preset, dataDir);
        boolean train = split == Split.TRAIN;
        if (preset.dataset() == Preset.DatasetKind.NMNIST) {
            NmnistDataSetIterator.Builder b = NmnistDataSetIterator.builder(dir, split).batchSize(batchSize)
                    .frames(preset.neuron().timeSteps()).binning(FrameBinning.BY_EVENT_COUNT);
            if (limit > 0) {
                b.limit(limit);
            }
            if (train) {
                b.shuffle(seed);
            }
            return b.build();
        }
        IdxDataSetIterator.Builder b = IdxDataSetIterator.builder(dir, split).batchSize(batchSize);
        if (limit > 0) {
            b.limit(limit);
        }
        if (train) {
            b.shuffle(seed);
            if (preset.horizontalFlip()) {
                b.horizontalFlip(seed + 1);
            }
        }
        return b.build();
    }
}
