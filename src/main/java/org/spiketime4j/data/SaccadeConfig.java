package org.spiketime4j.data;

/**
 * Parameters of the {@link SaccadeEmulator}.
 *
 * @param saccadeMs duration of each of the three saccades in milliseconds, in (0, 2000]
 * @param amplitudePx distance of the triangle's corners from its centre in sensor pixels, in [0, 8]
 * @param contrastThreshold mean change of log intensity that makes a pixel fire, in (0, 5]
 * @param thresholdMismatch relative standard deviation of each pixel's ON and OFF thresholds, in [0, 1)
 * @param timingJitterUs standard deviation of the Gaussian noise added to each event time in microseconds,
 *        in [0, 10000]
 * @param stepUs simulation time step in microseconds (event times are interpolated within a step), in [10, 10000]
 * @param darkLevel brightness of a black pixel relative to white (the log of 0 does not exist; a screen's black is
 *        not dark), in (0, 1)
 */
public record SaccadeConfig(double saccadeMs, double amplitudePx, double contrastThreshold,
        double thresholdMismatch, double timingJitterUs, double stepUs, double darkLevel) {

    /**
     * Three saccades of 105 ms over a triangle of radius 3 px, log-contrast threshold 0.35, 10 % mismatch, 50 us
     * jitter, 2 ms steps, black at 10 % of white.
     */
    public static final SaccadeConfig DEFAULT = new SaccadeConfig(105, 3.0, 0.35, 0.1, 50, 2000, 0.1);

    /** Validates the fields. */
    public SaccadeConfig {
        check("saccadeMs", saccadeMs, 0, 2000, false);
        check("amplitudePx", amplitudePx, 0, 8, true);
        check("contrastThreshold", contrastThreshold, 0, 5, false);
        check("timingJitterUs", timingJitterUs, 0, 10000, true);
        check("stepUs", stepUs, 10, 10000, true);
        if (!(thresholdMismatch >= 0 && thresholdMismatch < 1)) {
            throw new IllegalArgumentException("thresholdMismatch must be in [0, 1), got " + thresholdMismatch);
        }
        if (!(darkLevel > 0 && darkLevel < 1)) {
            throw new IllegalArgumentException("darkLevel must be in (0, 1), got " + darkLevel);
        }
    }

    private static void check(String field, double v, double lo, double hi, boolean loIncluded) {
        boolean ok = (loIncluded ? v >= lo : v > lo) && v <= hi;
        if (!ok) {
            throw new IllegalArgumentException(field + " must be in " + (loIncluded ? "[" : "(") + lo + ", " + hi
                    + "], got " + v);
        }
    }

    /** @return the duration of all three saccades in microseconds */
    public double totalUs() {
        return 3 * saccadeMs * 1000;
    }
}
