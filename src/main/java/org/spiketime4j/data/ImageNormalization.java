package org.spiketime4j.data;

/**
 * Maps an 8-bit pixel to a network input: {@code (pixel / 255 - mean) / std}.
 *
 * @param mean subtracted after scaling to [0, 1]; finite
 * @param std divided by after subtracting the mean; finite and &gt; 0
 */
public record ImageNormalization(double mean, double std) {

    /** The paper's MNIST and Fashion-MNIST normalisation: mean 0.1307, std 0.3081. */
    public static final ImageNormalization PAPER = new ImageNormalization(0.1307, 0.3081);

    /** Plain scaling to [0, 1]. */
    public static final ImageNormalization UNIT = new ImageNormalization(0.0, 1.0);

    /** Validates the fields. */
    public ImageNormalization {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("std must be finite and > 0, got " + std);
        }
    }

    /**
     * @param pixel an 8-bit value, 0..255
     * @return the normalised value
     */
    public float apply(int pixel) {
        return (float) ((pixel / 255.0 - mean) / std);
    }

    /** @return the normalised value of each of the 256 pixel values, for fast conversion */
    public float[] lookupTable() {
        float[] t = new float[256];
        for (int i = 0; i < 256; i++) {
            t[i] = apply(i);
        }
        return t;
    }
}
