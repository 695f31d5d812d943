package org.spiketime4j.loss;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The time-based losses by their command-line names, with a factory, so presets and the CLI can pick one
 * by name.
 *
 * <pre>{@code
 * SpikeTimeLoss loss = LossKind.fromName("count+").create(5, 1, 3);   // D = 5, U = 1, tau_s = 3
 * }</pre>
 */
public enum LossKind {
    /** {@code count}: mean-square counting loss, {@link SpikeCountLoss}. */
    COUNT("count", true, false),
    /** {@code count+}: enhanced counting loss, the paper's proposal and the default, {@link EnhancedCountLoss}. */
    COUNT_PLUS("count+", true, false),
    /** {@code count0}: balanced counting loss (zero total gradient), {@link BalancedCountLoss}. */
    COUNT0("count0", true, false),
    /** {@code kernel}: spike-train distance through a PSP filter, {@link KernelLoss}. */
    KERNEL("kernel", false, true),
    /** {@code TET}: per-step cross-entropy of the spikes, {@link TetLoss}. */
    TET("TET", false, false),
    /** {@code CE+}: enhanced cross-entropy on counts, {@link CePlusLoss}. */
    CE_PLUS("CE+", false, false),
    /** {@code timing}: loss on spike times against target trains, {@link TimingLoss}. */
    TIMING("timing", false, false),
    /** {@code TTFS}: time-to-first-spike cross-entropy, {@link TtfsLoss}. */
    TTFS("TTFS", false, false);

    /** The default loss, {@link #COUNT_PLUS}. */
    public static final LossKind DEFAULT = COUNT_PLUS;

    private final String cliName;
    private final boolean usesCounts;
    private final boolean usesTau;

    LossKind(String cliName, boolean usesCounts, boolean usesTau) {
        this.cliName = cliName;
        this.usesCounts = usesCounts;
        this.usesTau = usesTau;
    }

    /** @return the name on the command line and in presets, such as {@code count+} */
    public String cliName() {
        return cliName;
    }

    /** @return whether the loss reads the desired/undesired counts and the re-weighting switch */
    public boolean usesCounts() {
        return usesCounts;
    }

    /** @return whether the loss reads tau_s */
    public boolean usesTau() {
        return usesTau;
    }

    /**
     * Creates the loss.
     *
     * @param settings D, U, tau_s and re-weighting; each loss reads what it uses
     * @return a new loss
     */
    public SpikeTimeLoss create(LossSettings settings) {
        double d = settings.desiredCount();
        double u = settings.undesiredCount();
        boolean w = settings.reweightLabel();
        return switch (this) {
            case COUNT -> new SpikeCountLoss(d, u, w);
            case COUNT_PLUS -> new EnhancedCountLoss(d, u, w);
            case COUNT0 -> new BalancedCountLoss(d, u, w);
            case KERNEL -> new KernelLoss(settings.tauSynSteps());
            case TET -> new TetLoss();
            case CE_PLUS -> new CePlusLoss();
            case TIMING -> new TimingLoss();
            case TTFS -> new TtfsLoss();
        };
    }

    /**
     * Creates the loss with label re-weighting on.
     *
     * @param desiredCount   D, &gt; undesiredCount
     * @param undesiredCount U, &gt;= 0
     * @param tauSynSteps    tau_s in steps, &gt;= 1
     * @return a new loss
     */
    public SpikeTimeLoss create(double desiredCount, double undesiredCount, double tauSynSteps) {
        return create(new LossSettings(desiredCount, undesiredCount, tauSynSteps, true));
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
