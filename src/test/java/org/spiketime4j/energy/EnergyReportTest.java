package org.spiketime4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyReportTest {

    /**
     * A conv layer reading a static image (72 MACs) and an output layer reached by 4 spikes of fan-out 2 (8 SOPs,
     * 16 ANN MACs): SNN 72 * 4.6 + 8 * 0.9 = 338.4 pJ, ANN 88 * 4.6 = 404.8 pJ, worked out by hand.
     */
    @Test
    void linesAndTotalsOfAHandWorkedExample() {
        EnergyReport r = new EnergyReport(List.of(
                new LayerEnergy(0, "conv 1->2 3x3 stride 1 pad 0", 8, 0.5, 0, 72, 72),
                new LayerEnergy(1, "output 8->2", 2, 1.5, 8, 0, 16)), 3, EnergyModel.HOROWITZ_45NM_FP32);
        assertEquals(338.4, r.snnPicojoules(), 1e-9);
        assertEquals(404.8, r.annPicojoules(), 1e-9);
        assertEquals(List.of(
                "energy per sample (mean over 3 samples); 45 nm CMOS, 32-bit float: ADD 0.9 pJ, MULT 3.7 pJ, MAC 4.6 pJ "
                        + "(Horowitz, ISSCC 2014)",
                "energy layer 0 conv 1->2 3x3 stride 1 pad 0       spikes/neuron 0.5000  SOPs 0  MACs 72.00  ANN MACs 72.00"
                        + "  SNN 0.0003312 uJ  ANN 0.0003312 uJ",
                "energy layer 1 output 8->2                        spikes/neuron 1.5000  SOPs 8.000  MACs 0  ANN MACs 16.00"
                        + "  SNN 7.200e-06 uJ  ANN 7.360e-05 uJ",
                "energy total: SOPs 8.000  MACs 72.00  ANN MACs 88.00  SNN 0.0003384 uJ  ANN 0.0004048 uJ  (SNN/ANN 0.836)"),
                r.lines());
    }
}
