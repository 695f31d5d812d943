package org.spiketime4j.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward pass of {@link AdjustedAveragePooling} as ND4J's {@code avgpool2d}, where that op runs as oneDNN's
 * JIT pooling: the oneDNN build of nd4j-native. Spike maps {@code [B, H, W]} are pooled map by map, so any grouping
 * of the B maps into images of c channels gives the same result; oneDNN takes images of 8 to 64 channels with its
 * vectorized code and single-channel images with a plain loop 5-10x slower. Single-threaded, the first pooling
 * layer of the MNIST network on half a batch (1,875 maps of 24 x 24): 0.41 ms in oneDNN (0.5 ms with ND4J's call)
 * against 0.7-0.9 ms for {@link FusedPooling}; the second (5,000 maps of 8 x 8): 0.11 (0.18) against 0.38.
 *
 * <p>The same floats as the other paths for spikes: window sums of zeros and ones are exact integers in any order,
 * and dividing them by {@code k^2} is exact when k is a power of two. Other kernels and map counts without such a
 * grouping stay with {@link FusedPooling}.
 */
final class NativePooling {

    /** Fewest and most channels per image in the grouping of the maps. */
    private static final int MIN_CHANNELS = 8;
    private static final int MAX_CHANNELS = 64;

    private NativePooling() {
    }

    /**
     * @param maps   maps {@code [B, H, W]}, float, contiguous (checked by the caller, {@link KernelDispatch})
     * @param kernel window size k
     * @return the pooled maps {@code [B, H/k, W/k]}, or null where this path does not apply: no oneDNN, k not a
     *         power of two, or no grouping of B maps into images of 8 to 64 channels
     */
    static INDArray forward(INDArray maps, int kernel) {
        if (!KernelDispatch.oneDnnBuild() || Integer.bitCount(kernel) != 1) {
            return null;
        }
        int channels = channelsPerImage(maps.size(0));
        if (channels == 0) {
            return null;
        }
        long images = maps.size(0) / channels;
        long oh = maps.size(1) / kernel;
        long ow = maps.size(2) / kernel;
        INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, images, channels, oh, ow);
        Nd4j.exec(DynamicCustomOp.builder("avgpool2d")
                .addInputs(maps.reshape('c', images, channels, maps.size(1), maps.size(2)))
                .addOutputs(pooled)
                // kernel, stride, no padding, no dilation, VALID mode (crops), divisor k^2, NCHW
                .addIntegerArguments(kernel, kernel, kernel, kernel, 0, 0, 1, 1, 0, 1, 0)
                .build());
        return pooled.reshape('c', maps.size(0), oh, ow);
    }

    /**
     * @param maps the number of maps B
     * @return the largest divisor of B from 8 to 64, or 0 when there is none
     */
    static int channelsPerImage(long maps) {
        for (int c = MAX_CHANNELS; c >= MIN_CHANNELS; c--) {
            if (maps % c == 0) {
                return c;
            }
        }
        return 0;
    }
}
