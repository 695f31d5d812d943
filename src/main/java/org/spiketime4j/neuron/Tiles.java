package org.spiketime4j.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits the work of a fused loop over {@code [0, n)} into contiguous ranges, whole tiles each, and runs
 * the first on the calling thread and the others on the common fork-join pool: as many ranges as ND4J may use
 * threads ({@code maxMasterThreads}, which {@code OMP_NUM_THREADS} sets and {@code spiketime bench --threads}
 * lowers) and cores, and one when the work is too small to be worth a hand-off. (A parallel stream over the
 * ranges cost a few more microseconds per call, and gave the first range to whichever thread came first.)
 */
final class Tiles {

    /** Below this many elements per range the hand-off costs more than it saves. */
    private static final int MIN_PER_RANGE = 32_768;

    /** The work on one range. */
    @FunctionalInterface
    interface Range {
        /**
         * @param start first index (a multiple of the tile size)
         * @param end   one past the last index
         */
        void run(int start, int end);
    }

    private Tiles() {
    }

    /**
     * @param n     the number of elements
     * @param tile  the tile size; range boundaries are multiples of it
     * @param range the work on one range; ranges never overlap, so they may write disjoint parts of one array
     */
    static void inParallel(int n, int tile, Range range) {
        inParallel(n, tile, 1, range);
    }

    /**
     * @param n       the number of items
     * @param tile    the tile size in items; range boundaries are multiples of it
     * @param weight  elements per item (the size of the work is {@code n * weight})
     * @param range   the work on one range of items
     */
    static void inParallel(int n, int tile, int weight, Range range) {
        inParallel(n, tile, weight, Math.min(Runtime.getRuntime().availableProcessors(),
                Nd4j.getEnvironment().maxMasterThreads()), range);
    }

    /**
     * {@link #inParallel(int, int, int, Range)} with a given thread count (tests use it to split work on any
     * machine).
     *
     * @param n       the number of items
     * @param tile    the tile size in items
     * @param weight  elements per item
     * @param threads the most ranges to split into, &gt;= 1
     * @param range   the work on one range of items
     */
    static void inParallel(int n, int tile, int weight, int threads, Range range) {
        int tiles = (n + tile - 1) / tile;
        int parts = Math.max(1, Math.min(Math.min(threads, tiles), (int) ((long) n * weight / MIN_PER_RANGE)));
        if (parts == 1) {
            range.run(0, n);
            return;
        }
        int tilesPerPart = (tiles + parts - 1) / parts;
        List<ForkJoinTask<?>> others = new ArrayList<>(parts - 1);
        try {
            for (int p = 1; p < parts; p++) {
                int start = Math.min(n, p * tilesPerPart * tile);
                int end = Math.min(n, (p + 1) * tilesPerPart * tile);
                if (start < end) {
                    others.add(ForkJoinPool.commonPool().submit(() -> range.run(start, end)));
                }
            }
            range.run(0, Math.min(n, tilesPerPart * tile));
        } finally {
            others.forEach(ForkJoinTask::quietlyJoin);     // also after a failure here: no range writes after the return
        }
        for (ForkJoinTask<?> task : others) {
            task.join();                                    // rethrows a range's failure
        }
    }
}
