package org.spiketime4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The shared part of this package's iterators: the first {@code limit} examples of a data set, in file order or
 * shuffled, cut into batches; subclasses only turn a list of example indices into a {@link DataSet}.
 *
 * <p>Epochs and determinism: the iterator starts in epoch 0. With shuffling, the order of epoch e is a
 * permutation drawn from {@code (seed, e)} alone, so two iterators with the same seed give the same batches,
 * epoch after epoch, and {@link #setEpoch(int)} lets a resumed run continue where it stopped. {@link #reset()}
 * moves to the next epoch only if the current one has handed out at least one batch, so the extra resets DL4J
 * makes on a fresh iterator do not change the sequence.
 *
 * <p>{@link #asyncSupported()} is true: {@code MultiLayerNetwork.fit} wraps the iterator in an
 * {@link AsyncDataSetIterator} itself; {@link #prefetch(DataSetIterator, int)} does it explicitly.
 */
public abstract class IndexedDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int size;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private int epoch;
    private int cursor;
    private int[] order;
    private DataSetPreProcessor preProcessor;

    /**
     * @param available the number of examples in the data set
     * @param limit use only the first {@code limit} examples (in data-set order); at least 1
     * @param batchSize examples per batch, at least 1
     * @param shuffle whether to shuffle the examples every epoch
     * @param seed the seed of the shuffles
     */
    protected IndexedDataSetIterator(int available, int limit, int batchSize, boolean shuffle, long seed) {
        if (available < 1) {
            throw new IllegalArgumentException("the data set is empty");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.size = Math.min(available, limit);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        setEpoch(0);
    }

    /**
     * Wraps an iterator so that batches are prepared on a background thread.
     *
     * @param iterator the iterator
     * @param queueSize how many batches to prepare ahead, at least 1
     * @return the prefetching iterator; call {@code shutdown()} on it when done
     */
    public static AsyncDataSetIterator prefetch(DataSetIterator iterator, int queueSize) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be >= 1, got " + queueSize);
        }
        return new AsyncDataSetIterator(iterator, queueSize, true);
    }

    /**
     * A deterministic 64-bit value from a seed and two integers (a SplitMix64 finaliser), for per-example
     * random choices that do not depend on batch order.
     *
     * @param seed the seed
     * @param a the first integer (an epoch, a split)
     * @param b the second integer (an example)
     * @return a well-mixed value
     */
    protected static long mix(long seed, long a, long b) {
        long z = seed + GOLDEN * (a + 1) + (GOLDEN >>> 7) * (b + 1) * 31;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Builds the batch for the given examples.
     *
     * @param indices the examples, in batch order (indices into the data set)
     * @param epoch the current epoch, for per-epoch random choices such as flips
     * @return features and one-hot labels
     */
    protected abstract DataSet build(int[] indices, int epoch);

    /** @return the shape of one example's features, without the batch axis (for example {@code [1, 28, 28]}) */
    public abstract long[] exampleShape();

    /** @return the number of examples per epoch (after the limit) */
    public int size() {
        return size;
    }

    /** @return the current epoch, counted from 0 */
    public int epoch() {
        return epoch;
    }

    /**
     * Restarts at the beginning of an epoch (to resume a run).
     *
     * @param epoch the epoch, &gt;= 0
     */
    public final void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
        this.cursor = 0;
        this.order = IntStream.range(0, size).toArray();
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(mix(seed, epoch, -1));
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    /** @return the example order of the current epoch (a copy) */
    public int[] order() {
        return order.clone();
    }

    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is exhausted; call reset()");
        }
        int n = Math.min(num, size - cursor);
        int[] idx = Arrays.copyOfRange(order, cursor, cursor + n);
        cursor += n;
        DataSet ds = build(idx, epoch);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < size;
    }

    @Override
    public int totalOutcomes() {
        return IdxDataset.NUM_CLASSES;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        setEpoch(cursor > 0 ? epoch + 1 : epoch);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return IntStream.range(0, totalOutcomes()).mapToObj(Integer::toString).toList();
    }
}
