package org.spiketime4j.loss;

/**
 * The configurable numbers of the time-based losses.
 *
 * <pre>{@code
 * LossSettings mnist = new LossSettings(5, 1, 3, true);
 * SpikeTimeLoss loss = LossKind.COUNT_PLUS.create(mnist);
 * }</pre>
 *
 * @param desiredCount   spikes wanted from the label neuron (counting losses), &gt; undesiredCount
 * @param undesiredCount spikes allowed to the other neurons (counting losses), &gt;= 0
 * @param tauSynSteps    synaptic time constant of the kernel loss's PSP filter, in time steps, &gt;= 1
 * @param reweightLabel  whether the counting losses multiply the label neuron's gradient by
 *                       lambda = max(r / 10, 1) (ALGORITHM.md section 3.2)
 */
public record LossSettings(double desiredCount, double undesiredCount, double tauSynSteps, boolean reweightLabel) {

    /** The MNIST configuration of the paper: D = 5, U = 1, tau_s = 3 steps, re-weighting on. */
    public static final LossSettings MNIST = new LossSettings(5, 1, 3, true);

    /**
     * Validates every field.
     *
     * @param desiredCount   spikes wanted from the label neuron, &gt; undesiredCount
     * @param undesiredCount spikes allowed to the other neurons, &gt;= 0
     * @param tauSynSteps    tau_s of the kernel loss in time steps, &gt;= 1
     * @param reweightLabel  whether the counting losses re-weight the label neuron's gradient
     */
    public LossSettings {
        checkCounts(desiredCount, undesiredCount);
        checkTau(tauSynSteps);
    }

    /**
     * Checks a pair of target counts.
     *
     * @param desiredCount   the label neuron's target count
     * @param undesiredCount the other neurons' target count
     * @throws IllegalArgumentException unless {@code 0 <= undesiredCount < desiredCount}, both finite
     */
    static void checkCounts(double desiredCount, double undesiredCount) {
        if (!(undesiredCount >= 0) || !Double.isFinite(undesiredCount)) {
            throw new IllegalArgumentException("undesiredCount must be finite and >= 0, got " + undesiredCount);
        }
        if (!(desiredCount > undesiredCount) || !Double.isFinite(desiredCount)) {
            throw new IllegalArgumentException("desiredCount must be finite and > undesiredCount (" + undesiredCount
                    + "), got " + desiredCount);
        }
    }

    /**
     * Checks a PSP time constant.
     *
     * @param tauSynSteps the time constant in steps
     * @throws IllegalArgumentException unless finite and {@code >= 1}
     */
    static void checkTau(double tauSynSteps) {
        if (!(tauSynSteps >= 1) || !Double.isFinite(tauSynSteps)) {
            throw new IllegalArgumentException("tauSynSteps must be finite and >= 1, got " + tauSynSteps);
        }
    }
}
