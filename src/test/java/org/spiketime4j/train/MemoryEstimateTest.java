package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The memory estimate counts the MNIST network's activations as a hand count does, and refuses huge batches. */
class MemoryEstimateTest {

    @Test
    void mnistActivationsMatchAHandCount() {
        // 15C5 on 28x28: 15x24x24, AP2: 15x12x12, 40C5: 40x8x8, AP2: 40x4x4, 300, each over T = 5 steps; the
        // output layer's activation is its 10 readout scores (the spike trains stay inside the layer)
        long activations = 5L * (15 * 24 * 24 + 15 * 12 * 12 + 40 * 8 * 8 + 40 * 4 * 4 + 300) + 10;
        long perExample = 4L * (28 * 28 + MemoryEstimate.COPIES_PER_ACTIVATION * activations);
        var conf = SpikingNetworks.configuration(Presets.MNIST, 1, DataType.FLOAT);
        var in = SpikingNetworks.inputType(Presets.MNIST);
        assertEquals(perExample, MemoryEstimate.trainingBytes(conf, in, 1));
        assertEquals(50 * perExample, MemoryEstimate.trainingBytes(conf, in, 50));
        String m = assertThrows(IllegalArgumentException.class,
                () -> MemoryEstimate.check(conf, in, Integer.MAX_VALUE)).getMessage();
        assertTrue(m.contains("a batch of " + Integer.MAX_VALUE + " needs about") && m.contains("GiB"), m);
        MemoryEstimate.check(conf, in, 50);
    }
}
