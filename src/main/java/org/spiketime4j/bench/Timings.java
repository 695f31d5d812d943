package org.spiketime4j.bench;

import java.util.Arrays;

/**
 * Summary of per-batch times in milliseconds. Percentiles interpolate linearly between the sorted
 * samples (p50 is the usual median).
 *
 * @param median the 50th percentile
 * @param p10    the 10th percentile
 * @param p90    the 90th percentile
 * @param min    the smallest sample
 * @param max    the largest sample
 * @param mean   the arithmetic mean
 * @param count  the number of samples, &gt;= 1
 */
public record Timings(double median, double p10, double p90, double min, double max, double mean, int count) {

    /** Validates the summary. */
    public Timings {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
    }

    /**
     * @param samples per-batch times in ms, at least one
     * @return their summary
     * @throws IllegalArgumentException if there are no samples
     */
    public static Timings of(double[] samples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("timings need at least one sample, got none");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Timings(percentile(s, 50), percentile(s, 10), percentile(s, 90), s[0], s[s.length - 1],
                Arrays.stream(s).average().orElseThrow(), s.length);
    }

    /**
     * @param sorted samples in ascending order, at least one
     * @param p      the percentile, 0..100
     * @return the p-th percentile, interpolated linearly between neighbouring samples
     */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
