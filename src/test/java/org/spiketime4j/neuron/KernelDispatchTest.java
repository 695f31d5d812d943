package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spiketime4j.neuron.FusedKernelsTest.assertSameFloats;
import static org.spiketime4j.neuron.FusedKernelsTest.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dispatch between the fused CPU loops and the ND4J-op path ({@link KernelDispatch}): which arrays take
 * which path, and the public entry points forced onto each path (system property {@value KernelDispatch#PROPERTY})
 * on sizes large enough for {@link Tiles} to split the fused loops over threads: the same floats bit for bit.
 */
class KernelDispatchTest {

    private static final SrmNeuron NEURON = new SrmNeuron(5, 5.0, 3.0, 2.5);

    /** Neurons per step: several ranges of {@link Tiles} (32,768 elements each at least) on two threads. */
    private static final int LARGE = 150_000;

    /** Runs {@code run} once on the ND4J-op path (fused loops switched off) and returns its result. */
    private static <T> T onOpsPath(Supplier<T> run) {
        String before = System.getProperty(KernelDispatch.PROPERTY);
        System.setProperty(KernelDispatch.PROPERTY, "false");
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty(KernelDispatch.PROPERTY);
            } else {
                System.setProperty(KernelDispatch.PROPERTY, before);
            }
        }
    }

    /**
     * {@link FiniteCheck} on both paths against {@link Float#isFinite} value by value: one non-finite value at the
     * first, a middle and the last position of a float array of several chunks (rank 4, as layer inputs), in a
     * double array and in a strided view; extreme finite values pass.
     */
    @Test
    void finiteCheckFindsEveryNonFiniteValue() {
        Nd4j.getRandom().setSeed(53);
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 3, 31, 29).subi(0.5).muli(1e30);
        x.putScalar(new long[]{0, 0, 0, 1}, Float.MAX_VALUE);
        x.putScalar(new long[]{0, 0, 0, 2}, -Float.MAX_VALUE);
        x.putScalar(new long[]{0, 0, 0, 3}, Float.MIN_VALUE);
        assertTrue(FiniteCheck.allFinite(x));
        assertTrue(onOpsPath(() -> FiniteCheck.allFinite(x)));
        long last = x.length() - 1;
        for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (long at : new long[]{0, last / 2, last}) {
                INDArray y = x.dup();
                y.reshape(y.length()).putScalar(at, bad);
                assertFalse(Float.isFinite(y.reshape(y.length()).getFloat(at)));
                assertFalse(FiniteCheck.allFinite(y), bad + " at " + at);
                assertFalse(onOpsPath(() -> FiniteCheck.allFinite(y)), bad + " at " + at + ", ops path");
                assertFalse(FiniteCheck.allFinite(y.castTo(DataType.DOUBLE)), bad + " at " + at + ", double");
                assertFalse(FiniteCheck.allFinite(y.permute(3, 2, 1, 0)), bad + " at " + at + ", strided view");
            }
        }
        assertTrue(FiniteCheck.allFinite(Nd4j.create(DataType.FLOAT, 0)), "empty");
    }

    @Test
    void floatContiguousArraysOnTheCpuTakeTheFusedLoopsEverythingElseTheOps() {
        assertTrue(Nd4j.getEnvironment().isCPU(), "these tests run on the CPU backend");
        Nd4j.getRandom().setSeed(52);
        assertTrue(KernelDispatch.fused(Nd4j.rand(DataType.FLOAT, 2, 3), null));
        assertFalse(KernelDispatch.fused(Nd4j.rand(DataType.DOUBLE, 2, 3)), "double");
        assertFalse(KernelDispatch.fused(Nd4j.rand(DataType.FLOAT, 3, 2).transpose()), "transposed view");
        assertFalse(KernelDispatch.fused(Nd4j.rand(DataType.FLOAT, 2, 3, 4)), "rank 3");
        assertFalse(KernelDispatch.fused(Nd4j.rand(DataType.FLOAT, 2, 3), Nd4j.rand(DataType.DOUBLE, 2, 3)),
                "one unsupported array sends the whole op to the ND4J path");
        assertFalse(onOpsPath(() -> KernelDispatch.fused(Nd4j.rand(DataType.FLOAT, 2, 3))), "switched off");
    }

    @Test
    void forcedPathsGiveTheSameForwardOnMultiThreadedSizes() {
        Random r = new Random(17);
        INDArray current = uniform(r, -0.3, 1.2, NEURON.timeSteps(), LARGE);
        INDArray threshold = uniform(r, 0.2, 1.0, 1, LARGE);
        SrmTrace fused = SrmForward.run(NEURON, current, threshold, true);
        SrmTrace ops = onOpsPath(() -> SrmForward.run(NEURON, current, threshold, true));
        assertSameFloats(ops.spikes(), fused.spikes(), "spikes");
        assertSameFloats(ops.deltaU(), fused.deltaU(), "du");
        assertSameFloats(ops.gradTrace(), fused.gradTrace(), "g");
        INDArray staticCurrent = uniform(r, -0.3, 1.2, 1, LARGE);
        assertSameFloats(onOpsPath(() -> SrmForward.run(NEURON, staticCurrent, threshold, false)).deltaU(),
                SrmForward.run(NEURON, staticCurrent, threshold, false).deltaU(), "du, static current");
    }

    /**
     * Thresholds given per channel against the same thresholds written out per neuron by a naive loop, on both
     * paths, bit for bit: maps (7 channels of 13 x 11 positions, so tiles start in the middle of a channel) and
     * dense rows (spatial 1), static and time-varying currents; and the tile filler against the naive index rule
     * at arbitrary offsets.
     */
    @ParameterizedTest
    @CsvSource({"7, 143, 150", "300, 1, 500", "40, 64, 250"})
    void perChannelThresholdsEqualThresholdsWrittenOutPerNeuron(int channels, int spatial, int samples) {
        Random r = new Random(23);
        int k = channels * spatial * samples;
        INDArray perChannel = uniform(r, 0.2, 1.0, 1, channels);
        float[] c = perChannel.toFloatVector();
        float[] naive = new float[k];
        for (int i = 0; i < k; i++) {
            naive[i] = c[(i / spatial) % channels];
        }
        INDArray perNeuron = Nd4j.createFromArray(naive).reshape(1, k);
        for (int rows : new int[]{NEURON.timeSteps(), 1}) {
            INDArray current = uniform(r, -0.3, 1.2, rows, k);
            SrmTrace expected = SrmForward.run(NEURON, current, perNeuron, true);
            for (SrmTrace actual : List.of(SrmForward.run(NEURON, current, perChannel, spatial, true),
                    onOpsPath(() -> SrmForward.run(NEURON, current, perChannel, spatial, true)))) {
                assertSameFloats(expected.spikes(), actual.spikes(), "spikes, rows " + rows);
                assertSameFloats(expected.deltaU(), actual.deltaU(), "du, rows " + rows);
            }
        }
        float[] tile = new float[1024];
        for (int from : new int[]{0, 1, spatial - 1, spatial * channels - 3, k - 1024}) {
            FusedSrm.thresholdsOfTile(c, spatial, from, 1024, tile);
            for (int i = 0; i < 1024; i++) {
                assertEquals(naive[from + i], tile[i], "threshold of neuron " + (from + i));
            }
        }
        String m = assertThrows(IllegalArgumentException.class, () -> SrmForward.run(NEURON,
                uniform(r, 0, 1, 1, k + 1), perChannel, spatial, false)).getMessage();
        assertTrue(m.contains("multiple of the " + channels + " thresholds"), m);
    }

    @Test
    void forcedPathsGiveTheSameSweepOnMultiThreadedSizes() {
        Random r = new Random(19);
        SrmTrace trace = SrmForward.run(NEURON, uniform(r, -0.3, 1.2, NEURON.timeSteps(), LARGE),
                uniform(r, 0.2, 1.0, 1, LARGE), true);
        INDArray grad = uniform(r, -1, 1, NEURON.timeSteps(), LARGE);
        SpikeTimeBackward.CurrentGradients fused = SpikeTimeBackward.sweep(NEURON, trace, grad, true);
        SpikeTimeBackward.CurrentGradients ops = onOpsPath(() -> SpikeTimeBackward.sweep(NEURON, trace, grad, true));
        assertSameFloats(ops.weightPath(), fused.weightPath(), "Gw");
        assertSameFloats(ops.inputPath(), fused.inputPath(), "Gin");

        // a static layer's gradient: Gw summed over the steps, in step order, by a plain loop over Gw's rows
        float[] gw = ops.weightPath().data().asFloat();
        float[] expected = new float[LARGE];
        for (int t = 0; t < NEURON.timeSteps(); t++) {
            for (int i = 0; i < LARGE; i++) {
                expected[i] = t == 0 ? gw[i] : expected[i] + gw[t * LARGE + i];
            }
        }
        INDArray summed = Nd4j.create(expected, new long[]{1, LARGE}, 'c');
        assertSameFloats(summed, SpikeTimeBackward.weightPathOverSteps(NEURON, trace, grad), "sum_t Gw, fused");
        assertSameFloats(summed, onOpsPath(() -> SpikeTimeBackward.weightPathOverSteps(NEURON, trace, grad)),
                "sum_t Gw, ND4J ops");
    }

    /**
     * A static current's trace on the fused path keeps the current instead of du: its spikes, its du (recomputed
     * on demand, after the thresholds it ran with have changed) and both sweeps (recomputing spikes and du tile by
     * tile) equal the ND4J-op path's, which stores du, bit for bit; per-channel thresholds on maps whose tiles start
     * mid-channel, several threads.
     */
    @Test
    void staticCurrentTraceReplaysDuBitForBit() {
        Random r = new Random(29);
        int channels = 15;
        int spatial = 576;
        int k = channels * spatial * 20;
        INDArray current = uniform(r, -0.3, 1.2, 1, k);
        INDArray perChannel = uniform(r, 0.2, 1.0, 1, channels);
        INDArray grad = uniform(r, -1, 1, NEURON.timeSteps(), k);
        SrmTrace ops = onOpsPath(() -> SrmForward.run(NEURON, current, perChannel, spatial, false));
        SrmTrace fused = SrmForward.run(NEURON, current, perChannel, spatial, false);
        assertTrue(fused.staticInputs() != null, "the fused path keeps the static current, not du");
        assertSameFloats(ops.spikes(), fused.spikes(), "spikes");

        assertSameFloats(onOpsPath(() -> SpikeTimeBackward.weightPathOverSteps(NEURON, ops, grad)),
                SpikeTimeBackward.weightPathOverSteps(NEURON, fused, grad), "sum_t Gw, du replayed");
        assertSameFloats(onOpsPath(() -> SpikeTimeBackward.sweep(NEURON, ops, grad, false)).weightPath(),
                SpikeTimeBackward.sweep(NEURON, fused, grad, false).weightPath(), "Gw, du replayed");

        perChannel.muli(3);                                    // an optimiser step after the pass
        assertSameFloats(ops.deltaU(), fused.deltaU(), "du recomputed on demand");
    }

    @ParameterizedTest
    @CsvSource({"1500, 24, 25", "4999, 8, 8", "301, 24, 24"})
    void forcedPathsGiveTheSamePoolingOnMultiThreadedSizes(int count, int h, int w) {
        // a cropped column (one map per step); 8 x 8 maps, 64 per step, a partial last step; 24 x 24 maps, 7 per step
        Random r = new Random(23);
        INDArray maps = uniform(r, 0, 1, count, h, w).gt(0.8).castTo(DataType.FLOAT);      // spikes
        INDArray gradOut = uniform(r, -1, 1, count, h / 2, w / 2);
        assertSameFloats(onOpsPath(() -> AdjustedAveragePooling.forward(maps, 2)), AdjustedAveragePooling.forward(maps, 2),
                "pooled");
        INDArray expected = onOpsPath(() -> AdjustedAveragePooling.backward(maps, gradOut, 2));
        assertSameFloats(expected, AdjustedAveragePooling.backward(maps, gradOut, 2), "pooling backward");
        INDArray pooled = AdjustedAveragePooling.forward(maps, 2);
        assertSameFloats(expected, AdjustedAveragePooling.backward(maps, pooled, gradOut, 2),
                "pooling backward, counts from the pooled maps");
        assertSameFloats(expected, onOpsPath(() -> AdjustedAveragePooling.backward(maps, pooled, gradOut, 2)),
                "pooling backward, ND4J ops given the pooled maps");
    }

    @Test
    void poolingBackwardRejectsPooledMapsOfAnotherShape() {
        INDArray maps = Nd4j.zeros(DataType.FLOAT, 3, 8, 8);
        INDArray gradOut = Nd4j.zeros(DataType.FLOAT, 3, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdjustedAveragePooling.backward(maps, Nd4j.zeros(DataType.FLOAT, 3, 8, 8), gradOut, 2));
        assertTrue(e.getMessage().contains("[3, 4, 4]"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"40, 15, 5", "300, 640, 1", "10, 2, 1"})
    void forcedPathsGiveTheSameWeightStandardizationToFloatRounding(int channels, int inputs, int kernel) {
        Random r = new Random(channels + inputs);
        INDArray weight = uniform(r, -0.2, 0.3, channels, inputs, kernel, kernel);
        INDArray gamma = uniform(r, 0.5, 2, 1, channels);
        INDArray beta = uniform(r, -0.1, 0.1, 1, channels);
        INDArray gradWHat = uniform(r, -1, 1, channels, inputs, kernel, kernel);
        WeightStandardization.Standardized fused = WeightStandardization.standardize(weight, gamma, beta);
        WeightStandardization.Standardized ops = onOpsPath(() -> WeightStandardization.standardize(weight, gamma, beta));
        assertClose(ops.weightHat(), fused.weightHat(), "W_hat");
        assertClose(ops.normalized(), fused.normalized(), "normalized");
        assertClose(ops.sigma(), fused.sigma(), "sigma");
        WeightStandardization.Gradients fusedGrad = WeightStandardization.backward(fused, gamma, gradWHat);
        WeightStandardization.Gradients opsGrad = onOpsPath(() -> WeightStandardization.backward(ops, gamma, gradWHat));
        assertClose(opsGrad.weight(), fusedGrad.weight(), "dW");
        assertClose(opsGrad.gamma(), fusedGrad.gamma(), "dgamma");
        assertClose(opsGrad.beta(), fusedGrad.beta(), "dbeta");
    }

    @Test
    void forcedPathsFoldGammaIntoTheThresholdIdentically() {
        Random r = new Random(29);
        INDArray threshold = uniform(r, 0.2, 2, 1, 300);
        INDArray gamma = uniform(r, 0.3, 3, 1, 300);
        INDArray beta = uniform(r, -0.5, 0.5, 1, 300);
        INDArray[] viaOps = {threshold.dup(), gamma.dup(), beta.dup()};
        onOpsPath(() -> {
            WeightStandardization.foldGammaIntoThreshold(viaOps[0], viaOps[1], viaOps[2]);
            return null;
        });
        assertTrue(KernelDispatch.fused(threshold, gamma, beta));
        WeightStandardization.foldGammaIntoThreshold(threshold, gamma, beta);
        assertSameFloats(viaOps[0], threshold, "threshold");
        assertSameFloats(viaOps[1], gamma, "gamma");
        assertSameFloats(viaOps[2], beta, "beta");
        INDArray badGamma = gamma.dup().putScalar(0, 7, -0.1f);
        INDArray thresholdBefore = threshold.dup();
        assertThrows(IllegalStateException.class,
                () -> WeightStandardization.foldGammaIntoThreshold(threshold, badGamma, beta));
        assertSameFloats(thresholdBefore, threshold, "no fold with a gamma <= 0");
    }

    /** Equal to float rounding of sums over up to a few thousand terms: 1e-5 of the largest magnitude. */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double worst = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst <= 1e-5 * scale, what + ": largest difference " + worst + " of magnitude " + scale);
    }

    /** The first range runs on the calling thread; a range's failure is rethrown once every range has finished. */
    @Test
    void tilesRunTheFirstRangeHereAndRethrowAFailureAfterEveryRangeFinished() {
        Thread caller = Thread.currentThread();
        List<Thread> firstRangeThread = new ArrayList<>();
        Tiles.inParallel(150_000, 1024, 1, 3, (start, end) -> {
            if (start == 0) {
                firstRangeThread.add(Thread.currentThread());
            }
        });
        assertEquals(List.of(caller), firstRangeThread);

        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        RuntimeException e = assertThrows(IllegalStateException.class, () -> Tiles.inParallel(150_000, 1024, 1, 3,
                (start, end) -> {
                    if (start == 0) {
                        throw new IllegalStateException("range at " + start);
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                    finished.incrementAndGet();
                }));
        assertEquals("range at 0", e.getMessage());
        assertEquals(2, finished.get(), "the other ranges finished before the failure came back");

        RuntimeException other = assertThrows(IllegalStateException.class, () -> Tiles.inParallel(150_000, 1024, 1, 3,
                (start, end) -> {
                    if (start > 0) {
                        throw new IllegalStateException("a range on another thread");
                    }
                }));
        assertTrue(String.valueOf(other.getMessage()).contains("a range on another thread"), other.toString());
    }

    @ParameterizedTest
    @CsvSource({"150000, 1024, 1, 2, 2", "150000, 1024, 1, 3, 3", "1500, 1, 600, 4, 4",
            "40000, 1024, 1, 8, 1", "100, 7, 1, 4, 1"})
    void tilesSplitIntoDisjointTileAlignedRangesThatCoverTheWork(int n, int tile, int weight, int threads, int parts) {
        List<int[]> ranges = new ArrayList<>();
        Tiles.inParallel(n, tile, weight, threads, (start, end) -> {
            synchronized (ranges) {
                ranges.add(new int[]{start, end});
            }
        });
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        assertEquals(parts, ranges.size(), "ranges (one per thread while each gets 32,768 elements at least)");
        int covered = 0;
        for (int[] range : ranges) {
            assertEquals(covered, range[0], "ranges are back to back");
            assertEquals(0, range[0] % tile, "a range starts at a tile boundary");
            assertTrue(range[1] > range[0], "no empty range");
            covered = range[1];
        }
        assertEquals(n, covered, "the ranges cover the work");
    }
}
