package org.spiketime4j.neuron;

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

    private FusedPooling() {
    }

    /**
     * @param input  maps {@code [B, H, W]}, float, contiguous
     * @param kernel window size k
     * @return pooled maps {@code [B, H/k, W/k]}: window sums times {@code 1/k^2}
     */
    static INDArray forward(INDArray input, int kernel) {
        Geometry g = new Geometry(input, kernel);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, g.maps, g.oh, g.ow);
        float inverseArea = (float) (1.0 / ((double) kernel * kernel));
        HostRows in = new HostRows(input.reshape('c', g.maps, g.h * g.w));
        HostRows pooled = new HostRows(out.reshape('c', g.maps, g.oh * g.ow));
        Tiles.inParallel((int) g.maps, 1, g.h * g.w, (start, end) -> {
            float[] map = new float[g.h * g.w];
            float[] sums = new float[g.oh * g.ow];
            float[] band = new float[g.ow * g.k];
            for (int b = start; b < end; b++) {
                in.read(b, 0, map.length, map);
                g.windowSums(map, band, sums);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] *= inverseArea;
                }
                pooled.write(b, 0, sums.length, sums);
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
        Geometry g = new Geometry(input, kernel);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, g.maps, g.h, g.w);
        HostRows in = new HostRows(input.reshape('c', g.maps, g.h * g.w));
        HostRows grad = new HostRows(gradOut.reshape('c', g.maps, g.oh * g.ow));
        HostRows spread = new HostRows(out.reshape('c', g.maps, g.h * g.w));
        Tiles.inParallel((int) g.maps, 1, g.h * g.w, (start, end) -> {
            float[] map = new float[g.h * g.w];
            float[] counts = new float[g.oh * g.ow];
            float[] perSpike = new float[g.oh * g.ow];
            float[] result = new float[g.h * g.w];
            float[] band = new float[g.ow * g.k];
            for (int b = start; b < end; b++) {
                in.read(b, 0, map.length, map);
                grad.read(b, 0, perSpike.length, perSpike);
                g.windowSums(map, band, counts);
                for (int i = 0; i < counts.length; i++) {
                    float hasSpikes = FusedSrm.step(counts[i]);
                    perSpike[i] *= hasSpikes / (counts[i] + (1f - hasSpikes));   // c = 0: 0 / 1
                }
                g.spread(perSpike, band, result);
                spread.write(b, 0, result.length, result);
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

        Geometry(INDArray input, int kernel) {
            maps = input.size(0);
            h = (int) input.size(1);
            w = (int) input.size(2);
            k = kernel;
            oh = h / k;
            ow = w / k;
        }

        /**
         * Sum of each k x k window of one map: the k rows of a band are added (a loop the JIT vectorizes),
         * then k neighbouring columns. The inputs are spikes, so the sums are exact in any order.
         *
         * @param band scratch of at least {@code ow k} floats
         */
        void windowSums(float[] map, float[] band, float[] sums) {
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

        private static void addRow(float[] map, int from, float[] band, int width) {
            for (int x = 0; x < width; x++) {
                band[x] += map[from + x];
            }
        }

        /**
         * Every position of a window gets the window's value; cropped rows and columns get 0.
         *
         * @param band scratch of at least {@code ow k} floats
         */
        void spread(float[] perWindow, float[] band, float[] map) {
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
                        java.util.Arrays.fill(map, row + width, row + w, 0f);
                    }
                }
            }
            java.util.Arrays.fill(map, oh * k * w, h * w, 0f);
        }
    }
}
