package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused CPU loops ({@link FusedSrm}, {@link FusedPooling}) against the ND4J-op path, which the
 * conformance fixtures and the naive oracle check: same spikes, and the same float values bit for bit
 * (both evaluate the same operations in the same order in float), on shapes that leave a partial last
 * tile, static and time-varying currents, and arrays that are views into a larger buffer.
 */
class FusedKernelsTest {

    private static final SrmNeuron NEURON = new SrmNeuron(7, 5.0, 3.0, 2.5);

    static INDArray uniform(Random r, double low, double high, long... shape) {
        float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (low + (high - low) * r.nextDouble());
        }
        return Nd4j.create(v, shape, 'c');
    }

    static void assertSameFloats(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        assertArrayEquals(expected.dup().data().asFloat(), actual.dup().data().asFloat(), 0f, what);
    }

    @ParameterizedTest
    @CsvSource({"1, 2500, true", "7, 2500, true", "7, 1024, false", "7, 3, true"})
    void forwardEqualsOps(int rows, int k, boolean keepGrad) {
        Random r = new Random(rows * 31L + k);
        INDArray current = uniform(r, -0.3, 1.2, rows, k);
        INDArray threshold = uniform(r, 0.2, 1.0, 1, k);
        assertTrue(KernelDispatch.fused(current, threshold));
        SrmTrace fused = FusedSrm.forward(NEURON, current, threshold, 1, keepGrad);
        SrmTrace ops = SrmForward.runWithOps(NEURON, current, threshold, 1, keepGrad);
        assertSameFloats(ops.spikes(), fused.spikes(), "spikes");
        assertSameFloats(ops.deltaU(), fused.deltaU(), "du");
        if (keepGrad) {
            assertSameFloats(ops.gradTrace(), fused.gradTrace(), "g");
        } else {
            assertNull(fused.gradTrace());
        }
        double spikes = fused.spikes().sumNumber().doubleValue();
        assertTrue(spikes > 0 && spikes < NEURON.timeSteps() * (double) k, "a test with spikes and silences");
    }

    @ParameterizedTest
    @CsvSource({"2500, true", "2500, false", "5, true"})
    void sweepEqualsOps(int k, boolean needInput) {
        Random r = new Random(k);
        INDArray current = uniform(r, -0.3, 1.2, NEURON.timeSteps(), k);
        SrmTrace trace = SrmForward.runWithOps(NEURON, current, uniform(r, 0.2, 1.0, 1, k), 1, true);
        INDArray grad = uniform(r, -1, 1, NEURON.timeSteps(), k);
        SpikeTimeBackward.CurrentGradients fused = FusedSrm.sweep(NEURON, trace, grad, needInput);
        SpikeTimeBackward.CurrentGradients ops = SpikeTimeBackward.sweepWithOps(NEURON, trace, grad, needInput);
        assertSameFloats(ops.weightPath(), fused.weightPath(), "Gw");
        if (needInput) {
            assertSameFloats(ops.inputPath(), fused.inputPath(), "Gin");
        } else {
            assertNull(fused.inputPath());
        }
    }

    @Test
    void viewsIntoALargerBufferAreReadAtTheirOffset() {
        Random r = new Random(3);
        INDArray big = uniform(r, -0.3, 1.2, 3, NEURON.timeSteps(), 1500);
        INDArray current = big.slice(1);                       // [T, K] at offset T*K
        assertTrue(current.offset() > 0);
        INDArray threshold = uniform(r, 0.2, 1.0, 1, 1500);
        SrmTrace fused = FusedSrm.forward(NEURON, current, threshold, 1, true);
        SrmTrace ops = SrmForward.runWithOps(NEURON, current.dup(), threshold, 1, true);
        assertSameFloats(ops.spikes(), fused.spikes(), "spikes");
        assertSameFloats(ops.deltaU(), fused.deltaU(), "du");
    }

    @ParameterizedTest
    @CsvSource({"24, 24, 2", "7, 9, 2", "9, 9, 3", "21, 21, 7", "5, 5, 1"})
    void poolingEqualsOps(int h, int w, int kernel) {
        Random r = new Random(h * 100L + w);
        INDArray maps = uniform(r, 0, 1, 40, h, w);
        maps = maps.gt(0.6).castTo(DataType.FLOAT);            // spikes
        INDArray pooledOps = AdjustedAveragePooling.forward(Nd4jAlgebra.INSTANCE, maps, maps.shape(), kernel);
        assertSameFloats(pooledOps, FusedPooling.forward(maps, kernel), "pooled");
        INDArray gradOut = uniform(r, -1, 1, 40, h / kernel, w / kernel);
        INDArray expected = AdjustedAveragePooling.backwardWithOps(maps, gradOut, kernel);
        assertSameFloats(expected, FusedPooling.backward(maps, gradOut, kernel), "pooling backward");
        assertSameFloats(expected, FusedPooling.backwardFromPooled(maps.shape(), pooledOps, gradOut, kernel),
                "pooling backward, counts read back from the pooled maps");
    }

    /** Bulk row copies read and write whole rows back to back, at the array's offset, and refuse rows past the end. */
    @Test
    void rowsAreCopiedInBulkWithinTheArray() {
        INDArray big = Nd4j.arange(0, 60).castTo(DataType.FLOAT).reshape(3, 4, 5);
        INDArray rows = big.slice(1);                                   // [4, 5] at offset 20
        HostRows host = new HostRows(rows);
        float[] two = new float[10];
        host.readRows(2, 2, two);
        assertArrayEquals(new float[]{30, 31, 32, 33, 34, 35, 36, 37, 38, 39}, two, 0f);
        host.writeRows(0, 1, new float[]{-1, -2, -3, -4, -5});
        assertArrayEquals(new float[]{-1, -2, -3, -4, -5}, rows.getRow(0).toFloatVector(), 0f);
        assertEquals(19f, big.getFloat(0, 3, 4), "the row before the slice is untouched");
        assertThrows(IndexOutOfBoundsException.class, () -> host.readRows(3, 2, new float[10]));
        assertThrows(IndexOutOfBoundsException.class, () -> host.writeRows(-1, 1, new float[5]));
    }

    @Test
    void publicEntryPointsDispatchToTheFusedLoopsForFloat() {
        Random r = new Random(11);
        INDArray current = uniform(r, 0, 1.2, NEURON.timeSteps(), 300);
        INDArray threshold = uniform(r, 0.2, 1.0, 1, 300);
        SrmTrace viaRun = SrmForward.run(NEURON, current, threshold, true);
        SrmTrace viaOps = SrmForward.runWithOps(NEURON, current, threshold, 1, true);
        assertSameFloats(viaOps.spikes(), viaRun.spikes(), "spikes");
        assertEquals(DataType.FLOAT, viaRun.deltaU().dataType());
    }
}
