package org.spiketime4j.loss;

/**
 * The spike counts a counting loss asks of the output neurons (ALGORITHM.md section 3.2). Serializable: a loss
 * holds its targets, and Spark ships layer configurations to its executors.
 *
 * @param desiredCount   D, spikes wanted from the label neuron over the T steps, finite and &gt; undesiredCount
 * @param undesiredCount U, spikes allowed to every other neuron, finite and &gt;= 0
 */
public record TargetCounts(double desiredCount, double undesiredCount) implements java.io.Serializable {

    /** The paper's MNIST and Fashion-MNIST targets: D = 5, U = 1 (T = 5). */
    public static final TargetCounts MNIST = new TargetCounts(5, 1);

    /** The paper's N-MNIST targets: D = 15, U = 2 (T = 30). */
    public static final TargetCounts NMNIST = new TargetCounts(15, 2);

    /** Validates both counts: {@code 0 <= undesiredCount < desiredCount}, both finite. */
    public TargetCounts {
        if (!(undesiredCount >= 0) || !Double.isFinite(undesiredCount)) {
            throw new IllegalArgumentException("undesiredCount must be finite and >= 0, got " + undesiredCount);
        }
        if (!(desiredCount > undesiredCount) || !Double.isFinite(desiredCount)) {
            throw new IllegalArgumentException("desiredCount must be finite and > undesiredCount (" + undesiredCount
                    + "), got " + desiredCount);
        }
    }
}
