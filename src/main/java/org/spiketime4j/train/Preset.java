package org.spiketime4j.train;

import java.util.Objects;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.LossSettings;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * One of the paper's training configurations, as data.
 *
 * @param name            the preset's name ({@code mnist}, {@code fashion-mnist}, {@code nmnist})
 * @param dataset         which data it trains on
 * @param network         the network
 * @param neuron          the neuron constants (T included)
 * @param loss            the loss
 * @param targets         desired/undesired counts, tau_s and label re-weighting of the loss
 * @param learningRate    AdamW learning rate at epoch 0 (cosine schedule to 0 over {@code epochs}), &gt; 0
 * @param weightDecay     decoupled weight decay of the raw weights, &gt;= 0
 * @param weightDecayNorm decoupled weight decay of gamma and beta, &gt;= 0
 * @param epochs          epochs of the paper's run (and of the cosine schedule), &gt;= 1
 * @param batchSize       batch size, &gt;= 1
 * @param avgSpikeInit    target spikes per neuron of threshold initialisation, &gt; 0
 * @param gradClipNorm    global gradient-norm clip, &gt; 0
 * @param weightClamp     raw weights are clamped to [-weightClamp, weightClamp], &gt; 0
 * @param horizontalFlip  random horizontal flips of training images (Fashion-MNIST)
 */
public record Preset(String name, DatasetKind dataset, NetworkSpec network, SrmNeuron neuron, LossKind loss,
                     LossSettings targets, double learningRate, double weightDecay, double weightDecayNorm, int epochs,
                     int batchSize, double avgSpikeInit, double gradClipNorm, double weightClamp,
                     boolean horizontalFlip) {

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
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(neuron, "neuron");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(targets, "targets");
        positive("learningRate", learningRate);
        if (!(weightDecay >= 0) || !(weightDecayNorm >= 0)) {
            throw new IllegalArgumentException("weightDecay and weightDecayNorm must be >= 0, got " + weightDecay
                    + ", " + weightDecayNorm);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        positive("avgSpikeInit", avgSpikeInit);
        positive("gradClipNorm", gradClipNorm);
        positive("weightClamp", weightClamp);
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + v);
        }
    }

    /**
     * @param newEpochs epochs
     * @return a copy with another number of epochs (the cosine schedule spans them)
     */
    public Preset withEpochs(int newEpochs) {
        return new Preset(name, dataset, network, neuron, loss, targets, learningRate, weightDecay, weightDecayNorm,
                newEpochs, batchSize, avgSpikeInit, gradClipNorm, weightClamp, horizontalFlip);
    }

    /**
     * @param newBatch batch size
     * @return a copy with another batch size
     */
    public Preset withBatchSize(int newBatch) {
        return new Preset(name, dataset, network, neuron, loss, targets, learningRate, weightDecay, weightDecayNorm,
                epochs, newBatch, avgSpikeInit, gradClipNorm, weightClamp, horizontalFlip);
    }

    /**
     * @param newLoss the loss
     * @return a copy with another loss
     */
    public Preset withLoss(LossKind newLoss) {
        return new Preset(name, dataset, network, neuron, newLoss, targets, learningRate, weightDecay, weightDecayNorm,
                epochs, batchSize, avgSpikeInit, gradClipNorm, weightClamp, horizontalFlip);
    }

    /** @return a multi-line human-readable description */
    public String describe() {
        return String.format("%s%n  data: %s%n  network: %s%n  neuron: T=%d tau_m=%s tau_s=%s tau_grad=%s%n"
                        + "  loss: %s (D=%s, U=%s, label re-weighting %s)%n"
                        + "  optimiser: AdamW lr=%s (cosine over %d epochs), wd W=%s, wd gamma/beta=%s, batch %d%n"
                        + "  threshold init: avg_spike_init=%s; grad clip %s; weight clamp [-%s, %s]%s",
                name, dataset, network, neuron.timeSteps(), neuron.tauMemSteps(), neuron.tauSynSteps(),
                neuron.tauGradSteps(), loss.cliName(), targets.desiredCount(), targets.undesiredCount(),
                targets.reweightLabel() ? "on" : "off", learningRate, epochs, weightDecay, weightDecayNorm, batchSize,
                avgSpikeInit, gradClipNorm, weightClamp, weightClamp, horizontalFlip ? "; random horizontal flip" : "");
    }
}
