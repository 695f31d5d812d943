package org.spiketime4j.train;

import java.util.Objects;
import org.spiketime4j.loss.FormulaLoss;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * One of the paper's training configurations, as data: what to train on ({@code dataset}), the network
 * ({@link NetworkSpec}), its neurons ({@link SrmNeuron}), the loss (a {@link LossKind} with the counting
 * losses' {@link TargetCounts}; the kernel loss takes tau_s from the neuron), the optimiser
 * ({@link OptimiserSettings}) and the run's length, batch and threshold initialisation. Build one with
 * {@link #builder(String, DatasetKind)}; change one with {@link #toBuilder()}.
 *
 * @param name           the preset's name ({@code mnist}, {@code fashion-mnist}, {@code nmnist}), not blank
 * @param dataset        which data it trains on
 * @param network        the network
 * @param neuron         the neuron constants of every layer (T included)
 * @param loss           the loss
 * @param targets        D and U of the counting losses
 * @param optimiser      learning rate, weight decay, gradient clip and weight clamp
 * @param epochs         epochs of the paper's run (and of the cosine schedule), &gt;= 1
 * @param batchSize      batch size, &gt;= 1
 * @param avgSpikeInit   target spikes per neuron of threshold initialisation, finite and &gt; 0
 * @param horizontalFlip random horizontal flips of training images (Fashion-MNIST)
 */
public record Preset(String name, DatasetKind dataset, NetworkSpec network, SrmNeuron neuron, LossKind loss,
                     TargetCounts targets, OptimiserSettings optimiser, int epochs, int batchSize,
                     double avgSpikeInit, boolean horizontalFlip) {

    /** What a preset trains on. */
    public enum DatasetKind {
        /** MNIST IDX files (the shipped datasets/mnist by default). */
        MNIST,
        /** Fashion-MNIST IDX files. */
        FASHION_MNIST,
        /** N-MNIST event files in the official folder layout. */
        NMNIST
    }

    /** Validates every field. */
    public Preset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(neuron, "neuron");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(optimiser, "optimiser");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (!(avgSpikeInit > 0) || !Double.isFinite(avgSpikeInit)) {
            throw new IllegalArgumentException("avgSpikeInit must be finite and > 0, got " + avgSpikeInit);
        }
    }

    /**
     * @param name    the preset's name
     * @param dataset what it trains on
     * @return a builder with the paper's MNIST defaults for everything but the network, which must be set
     */
    public static Builder builder(String name, DatasetKind dataset) {
        return new Builder(name, dataset);
    }

    /** @return a builder that starts from this preset */
    public Builder toBuilder() {
        return new Builder(name, dataset).network(network).neuron(neuron).loss(loss).targets(targets)
                .optimiser(optimiser).epochs(epochs).batchSize(batchSize).avgSpikeInit(avgSpikeInit)
                .horizontalFlip(horizontalFlip);
    }

    /**
     * @param newEpochs epochs
     * @return a copy with another number of epochs (the cosine schedule spans them)
     */
    public Preset withEpochs(int newEpochs) {
        return toBuilder().epochs(newEpochs).build();
    }

    /**
     * @param newBatch batch size
     * @return a copy with another batch size
     */
    public Preset withBatchSize(int newBatch) {
        return toBuilder().batchSize(newBatch).build();
    }

    /**
     * @param newLoss the loss
     * @return a copy with another loss
     */
    public Preset withLoss(LossKind newLoss) {
        return toBuilder().loss(newLoss).build();
    }

    /** @return the preset's loss: its kind with its target counts and the neuron's tau_s */
    public FormulaLoss createLoss() {
        return loss.create(targets, neuron.tauSynSteps());
    }

    /** @return a multi-line human-readable description */
    public String describe() {
        return String.format("%s%n  data: %s%n  network: %s%n  neuron: T=%d tau_m=%s tau_s=%s tau_grad=%s%n"
                        + "  loss: %s (D=%s, U=%s, label re-weighting on, %s over the batch%s)%n"
                        + "  optimiser: AdamW lr=%s (cosine over %d epochs), wd W=%s, wd gamma/beta=%s, batch %d%n"
                        + "  threshold init: avg_spike_init=%s; grad clip %s; weight clamp [-%s, %s]%s",
                name, dataset, network, neuron.timeSteps(), neuron.tauMemSteps(), neuron.tauSynSteps(),
                neuron.tauGradSteps(), loss.cliName(), targets.desiredCount(), targets.undesiredCount(),
                createLoss().getReduction().name().toLowerCase(java.util.Locale.ROOT),
                loss == LossKind.KERNEL ? ", tau_s from the neuron" : "", optimiser.learningRate(), epochs,
                optimiser.weightDecay(), optimiser.weightDecayNorm(), batchSize, avgSpikeInit,
                optimiser.gradClipNorm(), optimiser.weightClamp(), optimiser.weightClamp(),
                horizontalFlip ? "; random horizontal flip" : "");
    }

    /**
     * Builds a {@link Preset}. Defaults: neuron {@link SrmNeuron#MNIST}, loss {@link LossKind#DEFAULT} with
     * {@link TargetCounts#MNIST}, {@link OptimiserSettings#builder()}'s optimiser, 100 epochs, batch 50,
     * avg_spike_init 0.6, no flips. The network has no default.
     */
    public static final class Builder {
        private final String name;
        private final DatasetKind dataset;
        private NetworkSpec network;
        private SrmNeuron neuron = SrmNeuron.MNIST;
        private LossKind loss = LossKind.DEFAULT;
        private TargetCounts targets = TargetCounts.MNIST;
        private OptimiserSettings optimiser = OptimiserSettings.builder().build();
        private int epochs = 100;
        private int batchSize = 50;
        private double avgSpikeInit = 0.6;
        private boolean horizontalFlip;

        private Builder(String name, DatasetKind dataset) {
            this.name = name;
            this.dataset = dataset;
        }

        /**
         * @param v the network
         * @return this builder
         */
        public Builder network(NetworkSpec v) {
            network = v;
            return this;
        }

        /**
         * @param v the network in the paper's notation, such as {@code 15C5-AP2-40C5-AP2-300-10}
         * @return this builder
         */
        public Builder network(String v) {
            return network(NetworkSpec.parse(v));
        }

        /**
         * @param v the neuron constants
         * @return this builder
         */
        public Builder neuron(SrmNeuron v) {
            neuron = v;
            return this;
        }

        /**
         * @param v the loss
         * @return this builder
         */
        public Builder loss(LossKind v) {
            loss = v;
            return this;
        }

        /**
         * @param v D and U of the counting losses
         * @return this builder
         */
        public Builder targets(TargetCounts v) {
            targets = v;
            return this;
        }

        /**
         * @param v the optimiser settings
         * @return this builder
         */
        public Builder optimiser(OptimiserSettings v) {
            optimiser = v;
            return this;
        }

        /**
         * @param v epochs of the run and of the cosine schedule
         * @return this builder
         */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /**
         * @param v batch size
         * @return this builder
         */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /**
         * @param v target spikes per neuron of threshold initialisation
         * @return this builder
         */
        public Builder avgSpikeInit(double v) {
            avgSpikeInit = v;
            return this;
        }

        /**
         * @param v whether training images are flipped horizontally at random
         * @return this builder
         */
        public Builder horizontalFlip(boolean v) {
            horizontalFlip = v;
            return this;
        }

        /**
         * @return the preset
         * @throws IllegalArgumentException naming the first invalid field
         * @throws NullPointerException     naming a missing component (the network has no default)
         */
        public Preset build() {
            return new Preset(name, dataset, network, neuron, loss, targets, optimiser, epochs, batchSize,
                    avgSpikeInit, horizontalFlip);
        }
    }
}
