package org.spiketime4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@code DataSetIterator} over N-MNIST samples (real or emulated) in the official folder layout: features
 * float32 {@code [mb, 2, T, 34, 34]} = {@code [mb, C, T, H, W]}, channel {@code p = 0} OFF and {@code p = 1} ON,
 * each value the number of events of that polarity at that pixel in frame t (see {@link FrameBinning}); labels
 * one-hot float32 {@code [mb, 10]}. Sample files are read and binned batch by batch (on the prefetch thread when
 * DL4J wraps the iterator). By default {@link Builder#build()} first decodes every sample it will use once
 * ({@link NmnistDataset#validate(int)}), so a malformed file fails the construction with an
 * {@link IllegalArgumentException} naming the file and byte offset instead of failing later on a prefetch
 * thread.
 *
 * <p>Example: {@code NmnistDataSetIteratorTest#folderLayoutGivesShapesCountsAndLabelsInFileNumberOrder}.
 */
public final class NmnistDataSetIterator extends IndexedDataSetIterator implements Closeable {

    private static final long serialVersionUID = 1L;
    private static final int PIXELS = NmnistFormat.WIDTH * NmnistFormat.HEIGHT;

    private final transient NmnistDataset data;
    private final int frames;
    private final FrameBinning binning;

    private NmnistDataSetIterator(Builder b) {
        super(b.data.size(), b.limit, b.batchSize, b.shuffle, b.seed);
        FrameBinning.checkFrames(b.frames);
        this.data = b.data;
        this.frames = b.frames;
        this.binning = b.binning;
    }

    /**
     * Starts a builder over one split of an N-MNIST folder or zip (see {@link NmnistDataset#open}).
     *
     * @param root the data set root
     * @param split which part
     * @return a builder
     * @throws IOException if no samples are found
     */
    public static Builder builder(Path root, Split split) throws IOException {
        return new Builder(NmnistDataset.open(root, split));
    }

    /**
     * Starts a builder over an opened data set (closing the iterator closes it).
     *
     * @param data the samples
     * @return a builder
     */
    public static Builder builder(NmnistDataset data) {
        return new Builder(Objects.requireNonNull(data, "data"));
    }

    /** @return the number of frames T */
    public int frames() {
        return frames;
    }

    /** @return the samples this iterator reads */
    public NmnistDataset data() {
        return data;
    }

    @Override
    protected DataSet build(int[] indices, int epoch) {
        int per = 2 * frames * PIXELS;
        // bin straight into the array's memory: copying a 14 MB float[] into ND4J costs more than the binning
        INDArray features = Nd4j.zeros(DataType.FLOAT, indices.length, 2, frames, NmnistFormat.HEIGHT,
                NmnistFormat.WIDTH);
        FloatBuffer buffer = features.data().asNioFloat();
        float[] l = new float[indices.length * IdxDataset.NUM_CLASSES];
        for (int b = 0; b < indices.length; b++) {
            try {
                binning.binInto(data.events(indices[b]), frames, buffer, b * per);
            } catch (IOException e) {
                throw new UncheckedIOException(data.name(indices[b]) + ": " + e.getMessage(), e);
            }
            l[b * IdxDataset.NUM_CLASSES + data.label(indices[b])] = 1f;
        }
        return new DataSet(features,
                Nd4j.create(l, new long[] {indices.length, IdxDataset.NUM_CLASSES}, DataType.FLOAT));
    }

    @Override
    public int inputColumns() {
        return 2 * frames * PIXELS;
    }

    @Override
    public long[] exampleShape() {
        return new long[] {2, frames, NmnistFormat.HEIGHT, NmnistFormat.WIDTH};
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    /** Options of an {@link NmnistDataSetIterator}; defaults: T = 30 by event count, batch 50, all, file order. */
    public static final class Builder {
        private final NmnistDataset data;
        private int frames = 30;
        private FrameBinning binning = FrameBinning.BY_EVENT_COUNT;
        private int batchSize = 50;
        private int limit = Integer.MAX_VALUE;
        private boolean shuffle;
        private long seed;
        private boolean validate = true;

        private Builder(NmnistDataset data) {
            this.data = data;
        }

        /**
         * @param frames the number of frames T, &gt;= 1
         * @return this
         */
        public Builder frames(int frames) {
            this.frames = frames;
            return this;
        }

        /**
         * @param binning how events are cut into frames
         * @return this
         */
        public Builder binning(FrameBinning binning) {
            this.binning = Objects.requireNonNull(binning, "binning");
            return this;
        }

        /**
         * @param batchSize samples per batch, &gt;= 1
         * @return this
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param limit use only the first {@code limit} samples in the data set's order, &gt;= 1
         * @return this
         */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Shuffles the samples every epoch.
         *
         * @param seed the seed of the permutations
         * @return this
         */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /**
         * @param validate whether {@link #build()} decodes every sample it will use once to report malformed
         *        files early (default true; costs one extra read of the data)
         * @return this
         */
        public Builder validate(boolean validate) {
            this.validate = validate;
            return this;
        }

        /**
         * @return the iterator
         * @throws IOException if validation cannot read a sample
         * @throws IllegalArgumentException if validation finds a malformed sample
         */
        public NmnistDataSetIterator build() throws IOException {
            NmnistDataSetIterator it = new NmnistDataSetIterator(this);
            if (validate) {
                try {
                    data.validate(it.size());
                } catch (IOException | RuntimeException e) {
                    data.close();
                    throw e;
                }
            }
            return it;
        }
    }
}
