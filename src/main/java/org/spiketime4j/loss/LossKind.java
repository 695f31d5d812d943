package org.spiketime4j.loss;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The time-based losses by their command-line names, with a factory, so presets and the CLI can pick one
 * by name. Each loss reads what it needs: the counting losses the target counts, the kernel loss the output
 * neuron's tau_s; every loss gets the reference's reduction.
 *
 * <p>Example: {@code DocExamplesTest#lossKind}.
 */
public enum LossKind {
    /** {@code count}: mean-square counting loss, {@link SpikeCountLoss}. */
    COUNT("count", (targets, tau) -> new SpikeCountLoss(targets)),
    /** {@code count+}: enhanced counting loss, the paper's proposal and the default, {@link EnhancedCountLoss}. */
    COUNT_PLUS("count+", (targets, tau) -> new EnhancedCountLoss(targets)),
    /** {@code count0}: balanced counting loss (zero total gradient), {@link BalancedCountLoss}. */
    COUNT0("count0", (targets, tau) -> new BalancedCountLoss(targets)),
    /** {@code kernel}: spike-train distance through a PSP filter, {@link KernelLoss}. */
    KERNEL("kernel", (targets, tau) -> new KernelLoss(tau, Reduction.SUM)),
    /** {@code TET}: per-step cross-entropy of the spikes, {@link TetLoss}. */
    TET("TET", (targets, tau) -> new TetLoss()),
    /** {@code CE+}: enhanced cross-entropy on counts, {@link CePlusLoss}. */
    CE_PLUS("CE+", (targets, tau) -> new CePlusLoss()),
    /** {@code timing}: loss on spike times against target trains, {@link TimingLoss}. */
    TIMING("timing", (targets, tau) -> new TimingLoss()),
    /** {@code TTFS}: time-to-first-spike cross-entropy, {@link TtfsLoss}. */
    TTFS("TTFS", (targets, tau) -> new TtfsLoss());

    /** The default loss, {@link #COUNT_PLUS}. */
    public static final LossKind DEFAULT = COUNT_PLUS;

    /** How a kind builds its loss from the target counts and the neuron's tau_s. */
    private interface Factory {
        FormulaLoss create(TargetCounts targets, double tauSynSteps);
    }

    private final String cliName;
    private final Factory factory;

    LossKind(String cliName, Factory factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    /** @return the name on the command line and in presets, such as {@code count+} */
    public String cliName() {
        return cliName;
    }

    /**
     * Creates the loss, with label re-weighting on for the counting losses and the reference's reduction.
     *
     * @param targets     D and U, read by count, count+ and count0; not null
     * @param tauSynSteps the output neuron's tau_s in steps ({@code neuron.tauSynSteps()}), read by the kernel
     *                    loss, finite and &gt;= 1
     * @return a new loss
     */
    public FormulaLoss create(TargetCounts targets, double tauSynSteps) {
        if (targets == null) {
            throw new IllegalArgumentException("targets must not be null");
        }
        KernelLoss.checkTau(tauSynSteps);
        return factory.create(targets, tauSynSteps);
    }

    /**
     * Looks a loss up by its command-line name, ignoring case.
     *
     * @param name such as {@code count+} or {@code TTFS}
     * @return the kind
     * @throws IllegalArgumentException naming the valid names if there is none such
     */
    public static LossKind fromName(String name) {
        for (LossKind k : values()) {
            if (k.cliName.equalsIgnoreCase(name == null ? "" : name.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "', expected one of "
                + Arrays.stream(values()).map(LossKind::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
