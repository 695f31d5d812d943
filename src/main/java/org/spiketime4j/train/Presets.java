package org.spiketime4j.train;

import java.util.List;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/** The paper's configurations (ALGORITHM.md section 5), batch 50, count+ loss. */
public final class Presets {

    /** MNIST: T=5, 15C5-AP2-40C5-AP2-300-10, AdamW 5e-4, wd 0.05 / 0.001, 100 epochs, D/U 5/1. */
    public static final Preset MNIST = Preset.builder("mnist", Preset.DatasetKind.MNIST)
            .network("15C5-AP2-40C5-AP2-300-10")
            .optimiser(OptimiserSettings.builder().weightDecay(0.05).weightDecayNorm(0.001).build())
            .build();

    /** Fashion-MNIST: T=5, 32C5p2-AP2-64C5p2-AP2-1024-10, wd 0.005 / 0.005, horizontal flip. */
    public static final Preset FASHION_MNIST = Preset.builder("fashion-mnist", Preset.DatasetKind.FASHION_MNIST)
            .network("32C5p2-AP2-64C5p2-AP2-1024-10")
            .optimiser(OptimiserSettings.builder().weightDecay(0.005).weightDecayNorm(0.005).build())
            .horizontalFlip(true)
            .build();

    /** N-MNIST: T=30, 12C5p1-AP2-64C5-AP2-10 on 34x34x2 frames, wd 0.002 / 0.002, 120 epochs, D/U 15/2. */
    public static final Preset NMNIST = Preset.builder("nmnist", Preset.DatasetKind.NMNIST)
            .network("12C5p1-AP2-64C5-AP2-10")
            .neuron(SrmNeuron.NMNIST)
            .targets(TargetCounts.NMNIST)
            .optimiser(OptimiserSettings.builder().weightDecay(0.002).weightDecayNorm(0.002).build())
            .epochs(120)
            .avgSpikeInit(2)
            .build();

    private Presets() {
    }

    /** @return every preset */
    public static List<Preset> all() {
        return List.of(MNIST, FASHION_MNIST, NMNIST);
    }

    /**
     * @param name a preset name
     * @return the preset
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Preset byName(String name) {
        return all().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + name + "' (known: "
                        + String.join(", ", all().stream().map(Preset::name).toList()) + ")"));
    }
}
