package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.spiketime4j.neuron.FusedKernelsTest.assertSameFloats;
import static org.spiketime4j.neuron.FusedKernelsTest.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** oneDNN's pooling ({@link NativePooling}) against the ND4J-op path's window sums, on spike maps. */
class NativePoolingTest {

    @ParameterizedTest
    @CsvSource({
        "1875, 24, 24, 2",     // the MNIST network's first pooling layer, half a batch (25 channels per image)
        "5000, 8, 8, 2",       // its second
        "40, 7, 9, 2",         // a cropped row and column
        "48, 16, 16, 4",
        "301, 12, 12, 2"       // 7 x 43: 43 channels per image
    })
    void equalsTheOpPathOnSpikes(int count, int h, int w, int kernel) {
        Random r = new Random(count * 31L + h);
        INDArray maps = uniform(r, 0, 1, count, h, w).gt(0.8).castTo(DataType.FLOAT);
        INDArray pooled = NativePooling.forward(maps, kernel);
        if (!KernelDispatch.oneDnnBuild()) {
            assertNull(pooled, "declines without oneDNN");
            return;
        }
        assertNotNull(pooled);
        assertSameFloats(AdjustedAveragePooling.forward(Nd4jAlgebra.INSTANCE, maps, maps.shape(), kernel), pooled,
                "pooled");
    }

    @Test
    void declinesKernelsThatAreNotPowersOfTwoAndCountsWithoutAGrouping() {
        Random r = new Random(5);
        assertNull(NativePooling.forward(uniform(r, 0, 1, 40, 9, 9).gt(0.5).castTo(DataType.FLOAT), 3),
                "1/9 is not exact");
        assertNull(NativePooling.forward(uniform(r, 0, 1, 4999, 8, 8).gt(0.5).castTo(DataType.FLOAT), 2),
                "4999 is prime");
    }

    @Test
    void groupsIntoTheMostChannelsFromEightToSixtyFour() {
        assertEquals(64, NativePooling.channelsPerImage(128));
        assertEquals(25, NativePooling.channelsPerImage(1875));
        assertEquals(43, NativePooling.channelsPerImage(301));
        assertEquals(8, NativePooling.channelsPerImage(8));
        assertEquals(0, NativePooling.channelsPerImage(7));
        assertEquals(0, NativePooling.channelsPerImage(4999));
    }
}
