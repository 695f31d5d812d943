package org.spiketime4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConvFanoutTest {

    /** 3x3 input, 2x2 kernel, stride 1: the four output positions are the four 2x2 squares; 2 output channels. */
    @Test
    void handCountedThreeByThree() {
        long[][] expected = {{2, 4, 2}, {4, 8, 4}, {2, 4, 2}};
        assertArrayEquals(expected, ConvFanout.map(3, 3, new int[]{2, 2}, new int[]{1, 1}, new int[]{0, 0}, 2));
    }

    /** Size 4, kernel 2, stride 3: one window over positions 0 and 1; positions 2 and 3 reach nothing. */
    @Test
    void positionsNoWindowCoversReachNothing() {
        assertArrayEquals(new int[]{1, 1, 0, 0}, ConvFanout.perAxis(4, 2, 3, 0));
    }

    /** Size 3, kernel 3, padding 1: windows start at -1, 0, 1; the centre lies in all three, the borders in two. */
    @Test
    void paddingCountsOnlyRealPositions() {
        assertArrayEquals(new int[]{2, 3, 2}, ConvFanout.perAxis(3, 3, 1, 1));
        assertEquals(3, ConvFanout.outputSize(3, 3, 1, 1));
    }

    @Test
    void kernelLargerThanPaddedInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvFanout.outputSize(2, 5, 1, 1));
        assertEquals("kernel 5 is larger than the padded input 4", e.getMessage());
    }
}
