package org.spiketime4j.neuron;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link WeightStandardization}'s forward and backward as one loop per channel over the host memory of
 * float weights, for the CPU backend, the channels split over threads ({@link Tiles}: each channel is computed
 * alone, so the results do not depend on the split). The weights are small (at most a few hundred thousand floats), so the
 * ND4J-op form is all call overhead: about a dozen ops each way per layer, each waking ND4J's threads.
 *
 * <p>The formulas are those of {@link WeightStandardization} (its Javadoc is the reference). The channel
 * sums are accumulated in double and rounded once, where ND4J's float reductions round at every partial
 * sum, so the results agree with the ND4J-op path to float rounding, not bit for bit
 * ({@code KernelDispatchTest} bounds the difference).
 */
final class FusedStandardization {

    private FusedStandardization() {
    }

    /**
     * {@link WeightStandardization#standardize} for float arrays supported by {@link HostRows}.
     *
     * @param weight2d raw weight as {@code [C_out, fanIn]}
     * @param gamma    gain, {@code [1, C_out]}
     * @param beta     shift, {@code [1, C_out]}
     * @return W_hat {@code [C_out, fanIn]}, normalized {@code [C_out, fanIn]} and sigma {@code [C_out, 1]}
     */
    static INDArray[] standardize(INDArray weight2d, INDArray gamma, INDArray beta) {
        int channels = (int) weight2d.size(0);
        int n = (int) weight2d.size(1);
        INDArray weightHat = Nd4j.createUninitialized(DataType.FLOAT, channels, n);
        INDArray normalized = Nd4j.createUninitialized(DataType.FLOAT, channels, n);
        INDArray sigma = Nd4j.createUninitialized(DataType.FLOAT, channels, 1);
        HostRows w = new HostRows(weight2d);
        HostRows hatOut = new HostRows(weightHat);
        HostRows xOut = new HostRows(normalized);
        float[] g = new float[channels];
        float[] b = new float[channels];
        new HostRows(gamma).read(0, 0, channels, g);
        new HostRows(beta).read(0, 0, channels, b);
        float[] sig = new float[channels];
        float[] ones = ones(n);
        Tiles.inParallel(channels, 1, n, (start, end) -> {
            float[] row = new float[n];
            float[] x = new float[n];
            for (int c = start; c < end; c++) {
                w.read(c, 0, n, row);
                float mean = (float) (sumOfProducts(row, ones, n) / n);
                for (int i = 0; i < n; i++) {
                    x[i] = row[i] - mean;
                }
                double squares = sumOfProducts(x, x, n);
                sig[c] = (float) Math.sqrt((float) (squares / (n - 1)) + WeightStandardization.EPSILON);
                normalizeAndScale(x, sig[c], g[c], b[c], row, n);
                xOut.write(c, 0, n, x);
                hatOut.write(c, 0, n, row);
            }
        });
        new HostRows(sigma.reshape(1, channels)).write(0, 0, channels, sig);
        return new INDArray[]{weightHat, normalized, sigma};
    }

    /**
     * The backward of {@link WeightStandardization} for float arrays supported by {@link HostRows}.
     *
     * @param normalized {@code (W - mean) / sigma}, {@code [C_out, fanIn]}
     * @param sigma      {@code [C_out, 1]}
     * @param gamma      gain, {@code [1, C_out]}
     * @param gradWHat   dL/dW_hat as {@code [C_out, fanIn]}
     * @return dL/dW {@code [C_out, fanIn]}, dL/dgamma {@code [C_out]}, dL/dbeta {@code [C_out]}
     */
    static INDArray[] backward(INDArray normalized, INDArray sigma, INDArray gamma, INDArray gradWHat) {
        int channels = (int) normalized.size(0);
        int n = (int) normalized.size(1);
        INDArray gradW = Nd4j.createUninitialized(DataType.FLOAT, channels, n);
        HostRows xIn = new HostRows(normalized);
        HostRows gIn = new HostRows(gradWHat);
        HostRows out = new HostRows(gradW);
        float[] g = new float[channels];
        float[] sig = new float[channels];
        new HostRows(gamma).read(0, 0, channels, g);
        new HostRows(sigma.reshape(1, channels)).read(0, 0, channels, sig);
        float[] gradGamma = new float[channels];
        float[] gradBeta = new float[channels];
        float[] ones = ones(n);
        Tiles.inParallel(channels, 1, n, (start, end) -> {
            float[] x = new float[n];
            float[] dx = new float[n];
            for (int c = start; c < end; c++) {
                xIn.read(c, 0, n, x);
                gIn.read(c, 0, n, dx);
                double sumG = sumOfProducts(dx, ones, n);
                double sumGx = sumOfProducts(dx, x, n);
                gradGamma[c] = (float) sumGx;
                gradBeta[c] = (float) sumG;
                // dx = gamma dW_hat: its mean and its dot with x are gamma times those of dW_hat
                float meanDx = (float) (g[c] * sumG / n);
                float dxDotX = (float) (g[c] * sumGx / (n - 1));
                removeMeanAndProjection(dx, x, g[c], meanDx, dxDotX, sig[c], n);
                out.write(c, 0, n, dx);
            }
        });
        return new INDArray[]{gradW, Nd4j.create(gradGamma, new long[]{channels}, DataType.FLOAT),
                Nd4j.create(gradBeta, new long[]{channels}, DataType.FLOAT)};
    }

    /*
     * The loops over one channel take its constants as parameters: read from the per-channel arrays inside a loop,
     * they are reloaded at every element (a store to a float[] may alias them) and the loop is not vectorized.
     */

    /** {@code x = x / sigma}, then {@code hat = x gamma + beta}. */
    private static void normalizeAndScale(float[] x, float sigma, float gamma, float beta, float[] hat, int n) {
        for (int i = 0; i < n; i++) {
            float xi = x[i] / sigma;
            x[i] = xi;
            hat[i] = xi * gamma + beta;
        }
    }

    /** {@code dx = (dx gamma - meanDx - x dxDotX) / sigma}. */
    private static void removeMeanAndProjection(float[] dx, float[] x, float gamma, float meanDx, float dxDotX,
                                                float sigma, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = (dx[i] * gamma - meanDx - x[i] * dxDotX) / sigma;
        }
    }

    /*
     * The channel sums in double, four partial sums side by side: one chain of dependent additions waits ~4 cycles
     * per value (0.5 ms for the 192,000 weights of the MNIST network's hidden dense layer, each way), four chains
     * overlap. The order of additions changes; in double, for a few thousand float values, the sum rounded to float
     * does not (the double's error is ~2^-29 of a float ulp).
     */

    /** @return n ones: {@code sumOfProducts(a, ones)} is the plain sum (times 1 is exact) */
    private static float[] ones(int n) {
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        return ones;
    }

    /** {@code sum a[i] b[i]}. */
    private static double sumOfProducts(float[] a, float[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[i] * b[i];
            s1 += (double) a[i + 1] * b[i + 1];
            s2 += (double) a[i + 2] * b[i + 2];
            s3 += (double) a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@link WeightStandardization#foldGammaIntoThreshold} for float arrays supported by {@link HostRows}, in
     * place: the same float divisions as the ND4J ops, so the same results bit for bit.
     *
     * @param threshold threshold, {@code [1, C_out]}
     * @param gamma     gain, {@code [1, C_out]}
     * @param beta      shift, {@code [1, C_out]}
     * @return the smallest gamma before the fold (the fold is done only when it is &gt; 0, and writes nothing when
     *         every gamma is already 1)
     */
    static float foldGamma(INDArray threshold, INDArray gamma, INDArray beta) {
        int channels = (int) gamma.length();
        HostRows thrRows = new HostRows(threshold);
        HostRows gammaRows = new HostRows(gamma);
        HostRows betaRows = new HostRows(beta);
        float[] thr = new float[channels];
        float[] g = new float[channels];
        float[] b = new float[channels];
        gammaRows.read(0, 0, channels, g);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : g) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(min > 0) || min == 1f && max == 1f) {
            return min;                                  // refused, or already folded: nothing to write
        }
        thrRows.read(0, 0, channels, thr);
        betaRows.read(0, 0, channels, b);
        for (int c = 0; c < channels; c++) {
            thr[c] /= g[c];
            b[c] /= g[c];
            g[c] = 1f;
        }
        thrRows.write(0, 0, channels, thr);
        betaRows.write(0, 0, channels, b);
        gammaRows.write(0, 0, channels, g);
        return min;
    }
}
