package org.spiketime4j.energy;

/**
 * The fan-out of a 2D convolution: how many (output channel, output position) pairs the value at each input
 * position reaches, border effects counted exactly (a position near the border lies in fewer receptive fields;
 * rows and columns that no window covers reach none).
 *
 * <p>Output size per axis: {@code (in + 2 pad - k) / stride + 1}; output position {@code o} reads the input
 * positions {@code o * stride - pad .. o * stride - pad + k - 1}.
 */
public final class ConvFanout {

    private ConvFanout() {
    }

    /**
     * @param in     input size along the axis
     * @param kernel kernel size
     * @param stride stride
     * @param pad    zero padding on each side
     * @return the output size along the axis
     * @throws IllegalArgumentException if the kernel does not fit the padded input or a size is out of range
     */
    public static int outputSize(int in, int kernel, int stride, int pad) {
        if (in < 1 || kernel < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("need in >= 1, kernel >= 1, stride >= 1, pad >= 0; got in=" + in
                    + ", kernel=" + kernel + ", stride=" + stride + ", pad=" + pad);
        }
        if (in + 2 * pad < kernel) {
            throw new IllegalArgumentException("kernel " + kernel + " is larger than the padded input " + (in + 2 * pad));
        }
        return (in + 2 * pad - kernel) / stride + 1;
    }

    /**
     * @param in     input size along the axis
     * @param kernel kernel size
     * @param stride stride
     * @param pad    zero padding on each side
     * @return for each input position, the number of output positions along the axis whose window contains it
     */
    public static int[] perAxis(int in, int kernel, int stride, int pad) {
        int out = outputSize(in, kernel, stride, pad);
        int[] reach = new int[in];
        for (int o = 0; o < out; o++) {
            int first = o * stride - pad;
            for (int i = Math.max(0, first); i < Math.min(in, first + kernel); i++) {
                reach[i]++;
            }
        }
        return reach;
    }

    /**
     * @param height   input height
     * @param width    input width
     * @param kernel   kernel height and width
     * @param stride   stride along height and width
     * @param pad      padding along height and width
     * @param channels output channels
     * @return {@code [height][width]}: the (output channel, output position) pairs each input position reaches
     */
    public static long[][] map(int height, int width, int[] kernel, int[] stride, int[] pad, long channels) {
        int[] rows = perAxis(height, kernel[0], stride[0], pad[0]);
        int[] cols = perAxis(width, kernel[1], stride[1], pad[1]);
        long[][] fanout = new long[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                fanout[y][x] = channels * rows[y] * cols[x];
            }
        }
        return fanout;
    }
}
