package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight standardization with a gain gamma and a shift beta per output channel, and the fold of
 * gamma into the firing threshold.
 *
 * <p>Weights are viewed as {@code [C_out, fanIn]} (dense {@code [out, in]}, conv
 * {@code [C_out, C_in, kh, kw]} flattened), and per channel c:
 * <pre>
 *   W_hat_c = gamma_c (W_c - mean(W_c)) / sqrt(var(W_c) + 1e-5) + beta_c
 * </pre>
 * with mean and the unbiased (n-1) variance over the channel's fan-in.
 */
public final class WeightStandardization {

    /** The epsilon added to the variance. */
    public static final double EPSILON = 1e-5;

    private WeightStandardization() {
    }

    /**
     * The standardized weight of ND4J arrays.
     *
     * @param weight raw weight, {@code [C_out, ...]} (any rank &gt;= 2, channel first)
     * @param gamma  gain per channel, {@code C_out} entries
     * @param beta   shift per channel, {@code C_out} entries
     * @return W_hat in the shape of {@code weight}
     */
    public static INDArray forward(INDArray weight, INDArray gamma, INDArray beta) {
        return standardize(weight, gamma, beta).weightHat();
    }

    /**
     * The standardized weight of ND4J arrays, with the per-channel statistics its backward pass reuses
     * ({@link #backward(Standardized, INDArray, INDArray)}).
     *
     * @param weight raw weight, {@code [C_out, ...]} (any rank &gt;= 2, channel first)
     * @param gamma  gain per channel, {@code C_out} entries
     * @param beta   shift per channel, {@code C_out} entries
     * @return W_hat and the statistics of {@code weight}
     */
    public static Standardized standardize(INDArray weight, INDArray gamma, INDArray beta) {
        fanIn(weight.shape());
        INDArray g = gamma.castTo(weight.dataType());
        INDArray b = beta.castTo(weight.dataType());
        Standardized fused = KernelDispatch.standardize(weight, g, b);     // float on the CPU: one loop
        if (fused != null) {
            return fused;
        }
        Stats<INDArray> s = stats(Nd4jAlgebra.INSTANCE, weight, weight.shape());
        INDArray weightHat = weightHat(Nd4jAlgebra.INSTANCE, s, weight.shape(), g, b);
        return new Standardized(weightHat, s.normalized(), s.sigma());
    }

    /**
     * A standardized weight and the statistics of the raw weight it came from.
     *
     * @param weightHat  W_hat, shape of the raw weight
     * @param normalized {@code (W - mean) / sigma}, {@code [C_out, fanIn]}
     * @param sigma      {@code sqrt(var + 1e-5)}, {@code [C_out, 1]}
     */
    public record Standardized(INDArray weightHat, INDArray normalized, INDArray sigma) {
    }

    /**
     * The standardized weight in any tensor algebra.
     *
     * @param a           the algebra
     * @param weight      raw weight, {@code [C_out, ...]} (any rank &gt;= 2, channel first)
     * @param weightShape the shape of {@code weight}
     * @param gamma       gain per channel, {@code C_out} entries
     * @param beta        shift per channel, {@code C_out} entries
     * @param <T>         the tensor type
     * @return W_hat in the shape of {@code weight}
     */
    public static <T> T forward(TensorAlgebra<T> a, T weight, long[] weightShape, T gamma, T beta) {
        return weightHat(a, stats(a, weight, weightShape), weightShape, gamma, beta);
    }

    private static <T> T weightHat(TensorAlgebra<T> a, Stats<T> s, long[] weightShape, T gamma, T beta) {
        long channels = weightShape[0];
        T out = a.add(a.mul(s.normalized(), a.reshape(gamma, channels, 1)), a.reshape(beta, channels, 1));
        return a.reshape(out, weightShape);
    }

    /**
     * The gradients of W, gamma and beta from the gradient of W_hat (ordinary chain rule):
     * with x = (W - mean)/sigma, sigma = sqrt(var + 1e-5), n = fan-in and dx = gamma dW_hat,
     * <pre>
     *   dgamma = sum_i dW_hat_i x_i        dbeta = sum_i dW_hat_i
     *   dW_i   = (dx_i - mean(dx)) / sigma - x_i sum_j(dx_j x_j) / ((n-1) sigma)
     * </pre>
     *
     * @param weight   raw weight, as in {@link #forward}
     * @param gamma    gain per channel
     * @param gradWHat dL/dW_hat, shape of {@code weight}
     * @return dL/dW (shape of weight), dL/dgamma and dL/dbeta ({@code [C_out]} each)
     */
    public static Gradients backward(INDArray weight, INDArray gamma, INDArray gradWHat) {
        Stats<INDArray> s = stats(Nd4jAlgebra.INSTANCE, weight, weight.shape());
        return backward(s, weight.shape(), gamma, gradWHat);
    }

    /**
     * {@link #backward(INDArray, INDArray, INDArray)} with the statistics the forward pass computed.
     *
     * @param standardized the forward pass of the raw weight (unchanged since)
     * @param gamma        gain per channel
     * @param gradWHat     dL/dW_hat, shape of the weight
     * @return dL/dW, dL/dgamma and dL/dbeta
     */
    public static Gradients backward(Standardized standardized, INDArray gamma, INDArray gradWHat) {
        Gradients fused = KernelDispatch.standardizationBackward(standardized, gamma, gradWHat);
        if (fused != null) {
            return fused;
        }
        return backward(new Stats<>(standardized.normalized(), standardized.sigma()),
                standardized.weightHat().shape(), gamma, gradWHat);
    }

    private static Gradients backward(Stats<INDArray> s, long[] weightShape, INDArray gamma, INDArray gradWHat) {
        long n = s.normalized.size(1);
        INDArray g2 = gradWHat.reshape('c', s.normalized.shape());
        INDArray gradGamma = g2.mul(s.normalized).sum(1);
        INDArray gradBeta = g2.sum(1);
        INDArray dx = g2.mulColumnVector(column(gamma, s));
        INDArray dxDotX = dx.mul(s.normalized).sum(true, 1);               // [C,1]
        INDArray gradW = dx.subColumnVector(dx.mean(true, 1))
                .subi(s.normalized.mulColumnVector(dxDotX.divi(n - 1)))
                .diviColumnVector(s.sigma);
        return new Gradients(gradW.reshape(weightShape), gradGamma, gradBeta);
    }

    /**
     * Gradients of the raw parameters.
     *
     * @param weight dL/dW, shape of the raw weight
     * @param gamma  dL/dgamma, {@code [C_out]}
     * @param beta   dL/dbeta, {@code [C_out]}
     */
    public record Gradients(INDArray weight, INDArray gamma, INDArray beta) {
    }

    /**
     * Folds gamma into the threshold, in place: {@code threshold /= gamma; beta /= gamma; gamma = 1}; writes nothing
     * when every gamma is already 1.
     * Spikes are unchanged by this (u is linear in W_hat and the reset is to zero), while an optimiser
     * step on gamma becomes a multiplicative threshold update.
     *
     * @param threshold threshold per channel, updated in place
     * @param gamma     gain per channel, set to 1 in place; every entry must be &gt; 0
     * @param beta      shift per channel, updated in place
     * @throws IllegalStateException if some gamma is not &gt; 0 (the fold would flip or break the threshold)
     */
    public static void foldGammaIntoThreshold(INDArray threshold, INDArray gamma, INDArray beta) {
        double min = KernelDispatch.foldGamma(threshold, gamma, beta);     // float rows on the CPU: one loop
        if (min > 0) {
            return;
        }
        if (Double.isNaN(min)) {
            min = gamma.minNumber().doubleValue();
        }
        if (!(min > 0)) {
            throw new IllegalStateException("gamma must be > 0 in every channel to fold it into the threshold, min is "
                    + min);
        }
        if (min == 1 && gamma.maxNumber().doubleValue() == 1) {
            return;                                  // already folded: x / 1 is x, and nothing is written
        }
        threshold.divi(gamma);
        beta.divi(gamma);
        gamma.assign(1.0);
    }

    /**
     * @param normalized {@code (W - mean) / sigma}, {@code [C_out, fanIn]}
     * @param sigma      {@code sqrt(var + 1e-5)}, {@code [C_out, 1]}
     */
    private record Stats<T>(T normalized, T sigma) {
    }

    private static <T> Stats<T> stats(TensorAlgebra<T> a, T weight, long[] weightShape) {
        long n = fanIn(weightShape);
        long channels = weightShape[0];
        T w = a.reshape(weight, channels, n);
        T centered = a.sub(w, a.mean(w, true, 1));
        T sigma = a.sqrt(a.add(a.mul(a.sum(a.mul(centered, centered), true, 1), 1.0 / (n - 1)), EPSILON));
        return new Stats<>(a.div(centered, sigma), sigma);
    }

    /**
     * @param weightShape the weight's shape, channel first
     * @return the fan-in (product of the axes after the first)
     * @throws IllegalArgumentException for a rank below 2 or a fan-in below 2
     */
    private static long fanIn(long[] weightShape) {
        if (weightShape.length < 2) {
            throw new IllegalArgumentException("weight must have rank >= 2 (channel first), got shape "
                    + java.util.Arrays.toString(weightShape));
        }
        long n = 1;
        for (int i = 1; i < weightShape.length; i++) {
            n *= weightShape[i];
        }
        if (n < 2) {
            throw new IllegalArgumentException("weight must have a fan-in of at least 2 (unbiased variance), got shape "
                    + java.util.Arrays.toString(weightShape));
        }
        return n;
    }

    private static INDArray column(INDArray perChannel, Stats<INDArray> s) {
        return perChannel.reshape(s.normalized.size(0), 1).castTo(s.normalized.dataType());
    }

}
