package org.spiketime4j.neuron;

import java.util.Arrays;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link AdjustedAveragePooling} forward and backward as loops over the host memory of float maps, for
 * the CPU backend: one pass over the maps instead of a window reduction that ND4J runs as thousands of
 * four-element reductions (about 5 ms for the first pooling layer of the MNIST network, and again in the
 * backward pass). Same formulas, same order of operations per window; the inputs are spikes (0 or 1), so
 * the window sums are exact integers and the results equal those of the ND4J-op path. Used under the
 * same conditions as {@link FusedSrm} ({@link KernelDispatch}).
 */
final class FusedPooling {

    /** 2^23: from there on floats are integers, so adding and subtracting it rounds to an integer. */
    private static final float ROUNDING_SHIFT = 8_388_608f;

    /**
     * Values per step of the loops where maps of 2 x 2 windows are taken several at a time, stacked as one tall map
     * (one bulk copy per step instead of one per map: the second pooling layer of the MNIST network has 10,000 maps
     * of 8 x 8 per training step).
     */
    private static final int STEP_VALUES = 4096;

    private FusedPooling() {
    }

    /**
     * @param input  maps {@code [B, H, W]}, float, contiguous
     * @param kernel window size k
     * @return pooled maps {@code [B, H/k, W/k]}: window sums times {@code 1/k^2}
     */
    static INDArray forward(INDArray input, int kernel) {
        Geometry g = new Geometry(input.shape(), kernel);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, g.maps, g.oh, g.ow);
        float inverseArea = (float) (1.0 / ((double) kernel * kernel));
        HostRows in = new HostRows(input.reshape('c', g.maps, g.h * g.w));
        HostRows pooled = new HostRows(out.reshape('c', g.maps, g.oh * g.ow));
        int per = g.mapsPerStep();
        Tiles.inParallel((int) g.maps, 1, g.mapSize(), (start, end) -> {
            Geometry unit = g.stacked(per);
            float[] maps = new float[per * g.mapSize()];
            float[] sums = new float[per * g.pooledSize()];
            float[] band = unit.scratch();
            for (int b = start; b < end; b += per) {
                int n = Math.min(per, end - b);
                in.readRows(b, n, maps);
                (n == per ? unit : g.stacked(n)).windowSums(maps, band, sums);
                scale(sums, n * g.pooledSize(), inverseArea);
                pooled.writeRows(b, n, sums);
            }
        });
        return out;
    }

    /**
     * @param input   the forward pass's input maps {@code [B, H, W]}, float, contiguous
     * @param gradOut gradient at the pooled maps {@code [B, H/k, W/k]}, float, contiguous
     * @param kernel  window size k
     * @return gradient at the input maps: {@code gradOut / c} at every position of a window holding c &gt; 0
     *         spikes, 0 in empty windows and in cropped rows and columns
     */
    static INDArray backward(INDArray input, INDArray gradOut, int kernel) {
        Geometry g = new Geometry(input.shape(), kernel);
        HostRows in = new HostRows(input.reshape('c', g.maps, g.h * g.w));
        return backward(g, gradOut, () -> {
            float[] maps = new float[g.mapsPerStep() * g.mapSize()];
            float[] band = g.stacked(g.mapsPerStep()).scratch();
            return (first, n, step, counts) -> {
                in.readRows(first, n, maps);
                step.windowSums(maps, band, counts);
            };
        });
    }

    /**
     * {@link #backward(INDArray, INDArray, int)} with the window counts read back from the forward pass's output,
     * {@code c = round(pooled k^2)}: exact (pooled is c times the float nearest 1/k^2, rounded once more, a relative
     * error below 2^-22), so the same numbers, reading the pooled maps instead of the k^2 times larger input.
     *
     * @param inputShape the forward pass's input shape {@code [B, H, W]}
     * @param pooled     the forward pass's output {@code [B, H/k, W/k]}, float, contiguous
     * @param gradOut    gradient at the pooled maps, same shape, float, contiguous
     * @param kernel     window size k
     * @return gradient at the input maps
     */
    static INDArray backwardFromPooled(long[] inputShape, INDArray pooled, INDArray gradOut, int kernel) {
        Geometry g = new Geometry(inputShape, kernel);
        HostRows values = new HostRows(pooled.reshape('c', g.maps, g.oh * g.ow));
        float area = (float) kernel * kernel;
        return backward(g, gradOut, () -> (first, n, step, counts) -> {
            values.readRows(first, n, counts);
            for (int i = 0; i < n * g.pooledSize(); i++) {
                counts[i] = nearestInteger(counts[i] * area);
            }
        });
    }

    /**
     * The integer nearest x, for 0 &lt;= x &lt; 2^22, in two float additions, which the JIT vectorizes, unlike
     * {@link Math#round(float)} (the MNIST network's first pooling backward: from the input 3.1 ms, from the pooled
     * maps 4.0 ms with {@code Math.round}, 2.0 ms with this).
     */
    private static float nearestInteger(float x) {
        return (x + ROUNDING_SHIFT) - ROUNDING_SHIFT;
    }

    /**
     * Writes the spike counts of every window of maps {@code first .. first+n-1}, map after map, into counts (one per
     * thread: it may keep scratch); {@code step} is the geometry of those maps stacked.
     */
    @FunctionalInterface
    private interface WindowCounts {
        void of(int first, int n, Geometry step, float[] counts);
    }

    /** {@code values[0 .. n) *= factor}. */
    private static void scale(float[] values, int n, float factor) {
        for (int i = 0; i < n; i++) {
            values[i] *= factor;
        }
    }

    /** {@code perSpike /= c} where the window holds c &gt; 0 spikes, 0 where it holds none. */
    private static void shareAmongSpikes(float[] perSpike, float[] counts, int n) {
        for (int i = 0; i < n; i++) {
            float hasSpikes = FusedSrm.step(counts[i]);
            perSpike[i] *= hasSpikes / (counts[i] + (1f - hasSpikes));   // c = 0: 0 / 1
        }
    }

    private static INDArray backward(Geometry g, INDArray gradOut, Supplier<WindowCounts> perThread) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, g.maps, g.h, g.w);
        HostRows grad = new HostRows(gradOut.reshape('c', g.maps, g.oh * g.ow));
        HostRows spread = new HostRows(out.reshape('c', g.maps, g.h * g.w));
        int per = g.mapsPerStep();
        Tiles.inParallel((int) g.maps, 1, g.mapSize(), (start, end) -> {
            WindowCounts windowCounts = perThread.get();
            Geometry unit = g.stacked(per);
            float[] counts = new float[per * g.pooledSize()];
            float[] perSpike = new float[per * g.pooledSize()];
            float[] result = new float[per * g.mapSize()];
            float[] band = unit.scratch();
            for (int b = start; b < end; b += per) {
                int n = Math.min(per, end - b);
                Geometry step = n == per ? unit : g.stacked(n);
                windowCounts.of(b, n, step, counts);
                grad.readRows(b, n, perSpike);
                shareAmongSpikes(perSpike, counts, n * g.pooledSize());
                step.spread(perSpike, band, result);
                spread.writeRows(b, n, result);
            }
        });
        return out;
    }

    /** Sizes of one pooling call. */
    private static final class Geometry {
        final long maps;
        final int h;
        final int w;
        final int k;
        final int oh;
        final int ow;

        Geometry(long[] inputShape, int kernel) {
            maps = inputShape[0];
            h = (int) inputShape[1];
            w = (int) inputShape[2];
            k = kernel;
            oh = h / k;
            ow = w / k;
        }

        /** @return values per map */
        int mapSize() {
            return h * w;
        }

        /** @return values per pooled map */
        int pooledSize() {
            return oh * ow;
        }

        /**
         * @return maps taken per step of the loops: several ({@link #STEP_VALUES} values) for 2 x 2 windows without
         *         crop, whose maps stacked are one tall map with the same windows, else 1
         */
        int mapsPerStep() {
            return pairsWithoutCrop() ? Math.max(1, STEP_VALUES / mapSize()) : 1;
        }

        /**
         * @param n maps, 1 or {@link #pairsWithoutCrop} holds
         * @return the geometry of n maps stacked as one
         */
        Geometry stacked(int n) {
            return n == 1 ? this : new Geometry(new long[]{1, (long) h * n, w}, k);
        }

        /** @return scratch for {@link #windowSums} and {@link #spread} */
        float[] scratch() {
            return new float[oh * ow * k];
        }

        /** @return whether the maps are 2 x 2 windows with nothing cropped (the presets' pooling) */
        private boolean pairsWithoutCrop() {
            return k == 2 && h == 2 * oh && w == 2 * ow;
        }

        /**
         * Sum of each k x k window of one map: the k rows of a band are added (a loop the JIT vectorizes),
         * then k neighbouring columns. The inputs are spikes, so the sums are exact in any order.
         *
         * @param band scratch from {@link #scratch}
         */
        void windowSums(float[] map, float[] band, float[] sums) {
            if (pairsWithoutCrop()) {
                pairWindowSums(map, band, sums);
                return;
            }
            int width = ow * k;
            for (int i = 0; i < oh; i++) {
                int top = i * k * w;
                System.arraycopy(map, top, band, 0, width);
                for (int di = 1; di < k; di++) {
                    addRow(map, top + di * w, band, width);
                }
                for (int j = 0; j < ow; j++) {
                    float sum = band[j * k];
                    for (int dj = 1; dj < k; dj++) {
                        sum += band[j * k + dj];
                    }
                    sums[i * ow + j] = sum;
                }
            }
        }

        /**
         * {@link #windowSums} for 2 x 2 windows without crop: each pair of rows added in one loop, then the column
         * pairs of all the map's windows in one loop (the general form's loop per window cost more than its
         * addition: the first pooling layer of the MNIST network spent ~1.3 ms per step there).
         */
        private void pairWindowSums(float[] map, float[] rowPairs, float[] sums) {
            for (int i = 0; i < oh; i++) {
                addRowPair(map, 2 * i * w, rowPairs, i * w, w);
            }
            for (int p = 0; p < oh * ow; p++) {
                sums[p] = rowPairs[2 * p] + rowPairs[2 * p + 1];
            }
        }

        /** {@code out[at + x] = map[top + x] + map[top + w + x]}. */
        private static void addRowPair(float[] map, int top, float[] out, int at, int w) {
            for (int x = 0; x < w; x++) {
                out[at + x] = map[top + x] + map[top + w + x];
            }
        }

        private static void addRow(float[] map, int from, float[] band, int width) {
            for (int x = 0; x < width; x++) {
                band[x] += map[from + x];
            }
        }

        /**
         * Every position of a window gets the window's value; cropped rows and columns get 0.
         *
         * @param band scratch from {@link #scratch}
         */
        void spread(float[] perWindow, float[] band, float[] map) {
            if (pairsWithoutCrop()) {
                pairSpread(perWindow, band, map);
                return;
            }
            int width = ow * k;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    float v = perWindow[i * ow + j];
                    for (int dj = 0; dj < k; dj++) {
                        band[j * k + dj] = v;
                    }
                }
                for (int di = 0; di < k; di++) {
                    int row = (i * k + di) * w;
                    System.arraycopy(band, 0, map, row, width);
                    if (width < w) {
                        Arrays.fill(map, row + width, row + w, 0f);
                    }
                }
            }
            Arrays.fill(map, oh * k * w, h * w, 0f);
        }

        /** {@link #spread} for 2 x 2 windows without crop: every value doubled along its row, then each row twice. */
        private void pairSpread(float[] perWindow, float[] widened, float[] map) {
            for (int p = 0; p < oh * ow; p++) {
                float v = perWindow[p];
                widened[2 * p] = v;
                widened[2 * p + 1] = v;
            }
            for (int i = 0; i < oh; i++) {
                System.arraycopy(widened, i * w, map, 2 * i * w, w);
                System.arraycopy(widened, i * w, map, (2 * i + 1) * w, w);
            }
        }
    }
}
