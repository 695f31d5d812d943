package org.spiketime4j.plot;

/**
 * One line of a {@code metrics.jsonl} file: what one training epoch achieved.
 *
 * @param epoch         the epoch number, at least 0
 * @param trainLoss     the mean training loss, finite
 * @param trainAccuracy the training accuracy, finite
 * @param testAccuracy  the test accuracy, finite, or {@code NaN} where the epoch was not evaluated (JSON
 *                      {@code null} or {@code NaN})
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testAccuracy) {

    /** Validates the fields; see the record components for the allowed values. */
    public EpochMetrics {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be at least 0, got " + epoch);
        }
        requireFinite("train_loss", trainLoss);
        requireFinite("train_accuracy", trainAccuracy);
        if (Double.isInfinite(testAccuracy)) {
            throw new IllegalArgumentException("test_accuracy must be finite or null, got " + testAccuracy);
        }
    }

    private static void requireFinite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
    }

    /** @return whether the epoch has a test accuracy */
    public boolean hasTestAccuracy() {
        return !Double.isNaN(testAccuracy);
    }
}
