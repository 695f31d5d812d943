package org.spiketime4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@code DataSetIterator} over an IDX image data set (MNIST, Fashion-MNIST): features float32
 * {@code [mb, 1, rows, cols]} (NCHW) normalised by an {@link ImageNormalization} (the paper's by default),
 * one-hot labels float32 {@code [mb, 10]}. The whole split is loaded into memory once.
 *
 * <p>Example: {@code DocExamplesTest#idxData}.
 *
 * <p>With {@link Builder#horizontalFlip(long)} each example is mirrored left-right with probability 1/2, drawn
 * afresh every epoch from {@code (flipSeed, epoch, example)}, so the flips do not depend on batch order.
 */
public final class IdxDataSetIterator extends IndexedDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient IdxDataset data;
    private final ImageNormalization normalization;
    private final boolean flip;
    private final long flipSeed;

    private IdxDataSetIterator(Builder b) {
        super(b.data.size(), b.limit, b.batchSize, b.shuffle, b.shuffleSeed);
        this.data = b.data;
        this.normalization = b.normalization;
        this.flip = b.flip;
        this.flipSeed = b.flipSeed;
    }

    /**
     * Starts a builder that loads one split of an IDX folder.
     *
     * @param dir the folder with the standard file names (see {@link IdxDataset#load(Path, Split)})
     * @param split which part
     * @return a builder
     * @throws IOException if a file is missing or unreadable
     * @throws IllegalArgumentException if a file is malformed
     */
    public static Builder builder(Path dir, Split split) throws IOException {
        return new Builder(IdxDataset.load(dir, split));
    }

    /**
     * Starts a builder over a data set already in memory.
     *
     * @param data the data set
     * @return a builder
     */
    public static Builder builder(IdxDataset data) {
        return new Builder(Objects.requireNonNull(data, "data"));
    }

    /** @return the data set this iterator reads */
    public IdxDataset data() {
        return data;
    }

    @Override
    protected DataSet build(int[] indices, int epoch) {
        boolean[] flipped = null;
        if (flip) {
            flipped = new boolean[indices.length];
            for (int i = 0; i < indices.length; i++) {
                flipped[i] = (mix(flipSeed, epoch, indices[i]) & 1L) == 1L;
            }
        }
        return data.dataSet(indices, normalization, flipped);
    }

    @Override
    public int inputColumns() {
        return data.rows() * data.cols();
    }

    @Override
    public long[] exampleShape() {
        return new long[] {1, data.rows(), data.cols()};
    }

    /** Options of an {@link IdxDataSetIterator}; defaults: batch 50, all examples, file order, paper normalisation. */
    public static final class Builder {
        private final IdxDataset data;
        private int batchSize = 50;
        private int limit = Integer.MAX_VALUE;
        private boolean shuffle;
        private long shuffleSeed;
        private boolean flip;
        private long flipSeed;
        private ImageNormalization normalization = ImageNormalization.PAPER;

        private Builder(IdxDataset data) {
            this.data = data;
        }

        /**
         * @param batchSize examples per batch, &gt;= 1
         * @return this
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param limit use only the first {@code limit} examples of the file, &gt;= 1
         * @return this
         */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Shuffles the examples every epoch.
         *
         * @param seed the seed of the permutations
         * @return this
         */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.shuffleSeed = seed;
            return this;
        }

        /**
         * Mirrors each example left-right with probability 1/2 per epoch (the paper's Fashion-MNIST augmentation).
         *
         * @param seed the seed of the flips
         * @return this
         */
        public Builder horizontalFlip(long seed) {
            this.flip = true;
            this.flipSeed = seed;
            return this;
        }

        /**
         * @param normalization how pixels become inputs
         * @return this
         */
        public Builder normalization(ImageNormalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /** @return the iterator */
        public IdxDataSetIterator build() {
            return new IdxDataSetIterator(this);
        }
    }
}
