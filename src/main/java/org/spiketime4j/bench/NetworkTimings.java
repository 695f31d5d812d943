package org.spiketime4j.bench;

import java.util.Objects;

/**
 * Per-batch times of one network, in milliseconds.
 *
 * @param forward        the forward pass in training mode ({@code net.output(x, true)}: all layers, and the
 *                       spiking layers keep what their backward pass needs)
 * @param step           the whole training step ({@code net.fit(DataSet)}: forward, backward, update)
 * @param backwardUpdate backward pass and update, derived per batch as {@code step - forward} of that batch
 * @param inference      inference ({@code net.output(x)})
 * @param batchSize      samples per batch, &gt;= 1
 */
public record NetworkTimings(Timings forward, Timings step, Timings backwardUpdate, Timings inference,
                             int batchSize) {

    /** Validates the fields. */
    public NetworkTimings {
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(backwardUpdate, "backwardUpdate");
        Objects.requireNonNull(inference, "inference");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /**
     * @param forwardMs   per-batch forward times
     * @param stepMs      per-batch training-step times, same length
     * @param inferenceMs per-batch inference times, same length
     * @param batchSize   samples per batch
     * @return the summaries, with backward+update as the per-batch difference step - forward
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static NetworkTimings of(double[] forwardMs, double[] stepMs, double[] inferenceMs, int batchSize) {
        if (forwardMs.length != stepMs.length || forwardMs.length != inferenceMs.length) {
            throw new IllegalArgumentException("per-batch times must have one entry per batch, got " + forwardMs.length
                    + " forward, " + stepMs.length + " step, " + inferenceMs.length + " inference");
        }
        double[] backward = new double[stepMs.length];
        for (int i = 0; i < backward.length; i++) {
            backward[i] = stepMs[i] - forwardMs[i];
        }
        return new NetworkTimings(Timings.of(forwardMs), Timings.of(stepMs), Timings.of(backward),
                Timings.of(inferenceMs), batchSize);
    }

    /** @return training samples per second at the median step time */
    public double trainSamplesPerSecond() {
        return batchSize * 1000.0 / step.median();
    }

    /** @return inference samples per second at the median inference time */
    public double inferenceSamplesPerSecond() {
        return batchSize * 1000.0 / inference.median();
    }
}
