package org.spiketime4j.train;

/**
 * The optimiser of a preset: AdamW in PyTorch form ({@link ReferenceAdam}) with a cosine learning rate over the
 * epochs ({@link CosineSchedule}), decoupled weight decay set per layer, a global gradient-norm clip
 * ({@link GradientNormClip}) and a clamp of the raw weights ({@link WeightClamp}).
 *
 * <p>Build it with {@link #builder()}; the defaults are the paper's: learning rate 5e-4, no weight decay,
 * clip 1000, clamp 4.
 *
 * @param learningRate    AdamW learning rate at epoch 0, finite and &gt; 0
 * @param weightDecay     decoupled weight decay of the raw weights, finite and &gt;= 0
 * @param weightDecayNorm decoupled weight decay of gamma and beta, finite and &gt;= 0
 * @param gradClipNorm    global gradient-norm clip, finite and &gt; 0
 * @param weightClamp     raw weights are clamped to [-weightClamp, weightClamp], finite and &gt; 0
 */
public record OptimiserSettings(double learningRate, double weightDecay, double weightDecayNorm,
                                double gradClipNorm, double weightClamp) {

    /** Validates every field. */
    public OptimiserSettings {
        positive("learningRate", learningRate);
        nonNegative("weightDecay", weightDecay);
        nonNegative("weightDecayNorm", weightDecayNorm);
        positive("gradClipNorm", gradClipNorm);
        positive("weightClamp", weightClamp);
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and > 0, got " + v);
        }
    }

    private static void nonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, got " + v);
        }
    }

    /** @return a builder with the paper's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these settings */
    public Builder toBuilder() {
        return new Builder().learningRate(learningRate).weightDecay(weightDecay).weightDecayNorm(weightDecayNorm)
                .gradClipNorm(gradClipNorm).weightClamp(weightClamp);
    }

    /** Builds {@link OptimiserSettings}; every value is checked by {@link #build()}. */
    public static final class Builder {
        private double learningRate = 5e-4;
        private double weightDecay;
        private double weightDecayNorm;
        private double gradClipNorm = 1000;
        private double weightClamp = 4;

        private Builder() {
        }

        /**
         * @param v AdamW learning rate at epoch 0 (default 5e-4)
         * @return this builder
         */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /**
         * @param v decoupled weight decay of the raw weights (default 0)
         * @return this builder
         */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /**
         * @param v decoupled weight decay of gamma and beta (default 0)
         * @return this builder
         */
        public Builder weightDecayNorm(double v) {
            weightDecayNorm = v;
            return this;
        }

        /**
         * @param v global gradient-norm clip (default 1000)
         * @return this builder
         */
        public Builder gradClipNorm(double v) {
            gradClipNorm = v;
            return this;
        }

        /**
         * @param v bound of the raw-weight clamp (default 4)
         * @return this builder
         */
        public Builder weightClamp(double v) {
            weightClamp = v;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first invalid field and its allowed range
         */
        public OptimiserSettings build() {
            return new OptimiserSettings(learningRate, weightDecay, weightDecayNorm, gradClipNorm, weightClamp);
        }
    }
}
