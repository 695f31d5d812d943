package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Constants that would give a decay outside [0, 1) are rejected, naming the field and the range. */
class SrmNeuronValidationTest {

    @Test
    void aTimeConstantBelowOneStepIsRejected() {
        // tau_m = 0.5 would make the membrane decay 1 - 1/0.5 = -1: an oscillating trace
        String m = assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(5, 0.5, 3, 2.5)).getMessage();
        assertTrue(m.contains("tauMemSteps") && m.contains(">= 1") && m.contains("0.5"), m);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(5, 5, 3, 0.9)).getMessage()
                .contains("tauGradSteps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(5, 5, Double.POSITIVE_INFINITY, 2))
                .getMessage().contains("tauSynSteps"));
        double decay = new SrmNeuron(5, 1, 3, 2.5).memDecay();
        assertTrue(decay >= 0 && decay < 1, "tau = 1 step gives decay " + decay);
    }
}
