package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spiketime4j.loss.EnhancedCountLoss;
import org.spiketime4j.loss.KernelLoss;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/** The presets against the paper's table (ALGORITHM.md section 5), the builders and their validation. */
class PresetTest {

    @Test
    void presetsHoldThePapersNumbers() {
        assertEquals("mnist\n  data: MNIST\n  network: 15C5-AP2-40C5-AP2-300-10\n"
                        + "  neuron: T=5 tau_m=5.0 tau_s=3.0 tau_grad=2.5\n"
                        + "  loss: count+ (D=5.0, U=1.0, label re-weighting on, sum over the batch)\n"
                        + "  optimiser: AdamW lr=5.0E-4 (cosine over 100 epochs), wd W=0.05, wd gamma/beta=0.001, batch 50\n"
                        + "  threshold init: avg_spike_init=0.6; grad clip 1000.0; weight clamp [-4.0, 4.0]",
                Presets.MNIST.describe().replace(System.lineSeparator(), "\n"));
        Preset f = Presets.FASHION_MNIST;
        assertEquals(new OptimiserSettings(5e-4, 0.005, 0.005, 1000, 4), f.optimiser());
        assertEquals("32C5p2-AP2-64C5p2-AP2-1024-10", f.network().text());
        assertTrue(f.horizontalFlip());
        Preset n = Presets.NMNIST;
        assertEquals(new SrmNeuron(30, 8, 4, 3), n.neuron());
        assertEquals(new TargetCounts(15, 2), n.targets());
        assertEquals(new OptimiserSettings(5e-4, 0.002, 0.002, 1000, 4), n.optimiser());
        assertEquals(120, n.epochs());
        assertEquals(2, n.avgSpikeInit());
        assertEquals(50, n.batchSize());
    }

    @Test
    void theKernelLossTakesTauSynFromTheNeuron() {
        assertEquals(new KernelLoss(SrmNeuron.NMNIST), Presets.NMNIST.withLoss(LossKind.KERNEL).createLoss());
        assertEquals(4.0, ((KernelLoss) Presets.NMNIST.withLoss(LossKind.KERNEL).createLoss()).getTauSynSteps());
        assertEquals(new EnhancedCountLoss(TargetCounts.NMNIST), Presets.NMNIST.createLoss());
    }

    @Test
    void toBuilderChangesOnlyWhatItIsTold() {
        Preset p = Presets.FASHION_MNIST.withEpochs(3).withBatchSize(8).withLoss(LossKind.TET);
        assertEquals(Presets.FASHION_MNIST.toBuilder().epochs(3).batchSize(8).loss(LossKind.TET).build(), p);
        assertEquals(Presets.FASHION_MNIST, p.toBuilder().epochs(100).batchSize(50).loss(LossKind.COUNT_PLUS).build());
    }

    @Test
    void invalidValuesAreNamedWithTheirRange() {
        assertRejected(() -> OptimiserSettings.builder().learningRate(Double.POSITIVE_INFINITY).build(),
                "learningRate", "finite and > 0", "Infinity");
        assertRejected(() -> OptimiserSettings.builder().weightDecay(-1).build(), "weightDecay", ">= 0", "-1.0");
        assertRejected(() -> OptimiserSettings.builder().weightDecayNorm(Double.NaN).build(), "weightDecayNorm");
        assertRejected(() -> OptimiserSettings.builder().gradClipNorm(0).build(), "gradClipNorm", "> 0");
        assertRejected(() -> OptimiserSettings.builder().weightClamp(-4).build(), "weightClamp", "> 0");
        assertRejected(() -> Presets.MNIST.withEpochs(0), "epochs", ">= 1", "0");
        assertRejected(() -> Presets.MNIST.withBatchSize(-2), "batchSize", ">= 1", "-2");
        assertRejected(() -> Presets.MNIST.toBuilder().avgSpikeInit(0).build(), "avgSpikeInit", "> 0");
        assertRejected(() -> Preset.builder(" ", Preset.DatasetKind.MNIST).network("10").build(), "name");
        assertThrows(NullPointerException.class, () -> Preset.builder("x", Preset.DatasetKind.MNIST).build());
    }

    private static void assertRejected(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
        }
    }
}
