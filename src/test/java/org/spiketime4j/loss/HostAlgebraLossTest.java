package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.spiketime4j.neuron.HostAlgebra;
import org.spiketime4j.neuron.HostTensor;
import org.spiketime4j.neuron.Nd4jAlgebra;

/**
 * Every loss formula of {@link LossKind} evaluated with {@link HostAlgebra} (plain Java loops, the loss's path
 * for small batches on the CPU) against {@link Nd4jAlgebra} (ND4J's kernels) on the same random spike trains:
 * float and double, several batch sizes and spike densities, each reduction and none.
 *
 * <p>Tolerance: none. Gradients, per-example values and the reported value agree bit for bit (the values
 * pass through exp and log, which agree with ND4J's float and double kernels on these inputs, and through
 * sums that both add in the same order).
 */
class HostAlgebraLossTest {

    /** Most ulps between the host and the ND4J per-example values: none. */
    private static final long VALUE_ULPS = 0;

    private static final int[] BATCH_SIZES = {1, 7, 50};
    private static final int CLASSES = 10;
    private static final int STEPS = 5;

    private record Case(INDArray spikes, INDArray labels, String name) {
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        long seed = 11;
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int mb : BATCH_SIZES) {
                for (double p : new double[] {0.05, 0.2, 0.6}) {
                    seed++;
                    out.add(new Case(LossTestData.spikes(seed, mb, CLASSES, STEPS, p).castTo(type),
                            LossTestData.labels(seed, mb, CLASSES).castTo(type),
                            type + " mb=" + mb + " p=" + p));
                }
            }
        }
        return out;
    }

    @Test
    void everyFormulaAgreesWithNd4jWithEachReductionAndNone() {
        int compared = 0;
        for (LossKind kind : LossKind.values()) {
            FormulaLoss loss = kind.create(TargetCounts.MNIST, 3);
            for (Case c : cases()) {
                INDArray timeMajor = c.spikes().permute(2, 0, 1).dup('c');
                HostTensor hostSpikes = HostTensor.of(timeMajor);
                HostTensor hostLabels = HostTensor.of(c.labels());
                LossFormulas.Result<INDArray> nd = loss.formula(Nd4jAlgebra.INSTANCE, STEPS, CLASSES, timeMajor,
                        c.labels());
                LossFormulas.Result<HostTensor> host = loss.formula(HostAlgebra.INSTANCE, STEPS, CLASSES, hostSpikes,
                        hostLabels);
                String where = kind.cliName() + " " + c.name();
                assertSameResult(nd, host, where + " unreduced");
                for (Reduction r : Reduction.values()) {
                    assertSameResult(LossFormulas.reduce(Nd4jAlgebra.INSTANCE, nd, r, c.labels()),
                            LossFormulas.reduce(HostAlgebra.INSTANCE, host, r, hostLabels), where + " " + r);
                }
                compared++;
            }
        }
        assertEquals(LossKind.values().length * 2 * BATCH_SIZES.length * 3, compared);
    }

    /** The DL4J entry point on the host path gives what the ND4J formula gives, score and gradient. */
    @Test
    void computeGradientAndScoreMatchesTheNd4jFormula() {
        for (LossKind kind : LossKind.values()) {
            FormulaLoss loss = kind.create(TargetCounts.MNIST, 3);
            for (Case c : cases()) {
                assertTrue(HostTensor.suits(c.spikes()));
                assertLossMatchesNd4jFormula(loss, c.spikes(), c.labels(), kind.cliName() + " " + c.name());
            }
        }
    }

    /** Past {@link HostTensor#MAX_LENGTH} the loss takes ND4J ops; the numbers are the same either side. */
    @Test
    void largeBatchesTakeNd4jWithTheSameNumbers() {
        int mb = HostTensor.MAX_LENGTH / (CLASSES * STEPS) + 1;
        INDArray spikes = LossTestData.spikes(5, mb, CLASSES, STEPS, 0.2).castTo(DataType.FLOAT);
        INDArray labels = LossTestData.labels(5, mb, CLASSES).castTo(DataType.FLOAT);
        assertTrue(!HostTensor.suits(spikes));
        FormulaLoss loss = LossKind.COUNT_PLUS.create(TargetCounts.MNIST, 3);
        Pair<Double, INDArray> big = loss.computeGradientAndScore(labels, spikes, new ActivationIdentity(), null,
                false);
        LossFormulas.Result<HostTensor> host = loss.reducedFormula(HostAlgebra.INSTANCE, STEPS, CLASSES,
                HostTensor.of(spikes).permute(2, 0, 1), HostTensor.of(labels));
        assertArrayEquals(host.timeGradient().permute(1, 2, 0).toDoubleArray(),
                big.getSecond().dup('c').data().asDouble());
        assertUlps(HostAlgebra.INSTANCE.sum(host.perExample(), false).get(0), big.getFirst(), true, 0, "score");
    }

    /** Spikes and labels that are views into larger arrays (at an offset, or strided) give the copies' numbers. */
    @Test
    void viewsGiveTheSameNumbersAsCopies() {
        INDArray allSpikes = LossTestData.spikes(21, 12, CLASSES, STEPS, 0.3).castTo(DataType.FLOAT);
        INDArray allLabels = LossTestData.labels(21, 12, CLASSES).castTo(DataType.FLOAT);
        INDArray spikes = allSpikes.get(NDArrayIndex.interval(5, 12), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray labels = allLabels.get(NDArrayIndex.interval(5, 12), NDArrayIndex.all());
        INDArray strided = allSpikes.permute(1, 0, 2).dup('c').permute(1, 0, 2);
        for (LossKind kind : LossKind.values()) {
            FormulaLoss loss = kind.create(TargetCounts.MNIST, 3);
            assertLossMatchesNd4jFormula(loss, spikes, labels, kind.cliName() + " offset view");
            assertLossMatchesNd4jFormula(loss, strided, allLabels, kind.cliName() + " strided view");
            Pair<Double, INDArray> view = loss.computeGradientAndScore(labels, spikes, new ActivationIdentity(),
                    null, false);
            Pair<Double, INDArray> copy = loss.computeGradientAndScore(labels.dup(), spikes.dup(),
                    new ActivationIdentity(), null, false);
            assertEquals(copy.getFirst(), view.getFirst(), kind.cliName());
            assertEquals(copy.getSecond(), view.getSecond(), kind.cliName());
        }
    }

    /** The identity's copies are skipped: the loss still leaves its input as it was (every kind, both types). */
    @Test
    void theLossLeavesItsInputUntouched() {
        for (LossKind kind : LossKind.values()) {
            for (Case c : cases()) {
                INDArray before = c.spikes().dup();
                INDArray labelsBefore = c.labels().dup();
                Pair<Double, INDArray> out = kind.create(TargetCounts.MNIST, 3).computeGradientAndScore(c.labels(),
                        c.spikes(), new ActivationIdentity(), null, false);
                assertEquals(before, c.spikes(), kind.cliName() + " " + c.name());
                assertEquals(labelsBefore, c.labels(), kind.cliName() + " " + c.name());
                assertTrue(out.getSecond() != c.spikes());
            }
        }
    }

    /**
     * Another activation is still applied and differentiated: tanh of the pre-output goes into the formula, the
     * gradient is the formula's times tanh' = 1 - tanh^2 (a loss that accepts non-binary spikes).
     */
    @Test
    void otherActivationsAreAppliedAndDifferentiated() {
        FormulaLoss loss = LossKind.COUNT.create(TargetCounts.MNIST, 3);
        INDArray pre = LossTestData.spikes(3, 7, CLASSES, STEPS, 0.3).muli(0.8).addi(0.1);
        INDArray labels = LossTestData.labels(3, 7, CLASSES);
        INDArray activated = Transforms.tanh(pre, true);
        LossFormulas.Result<INDArray> nd = loss.reducedFormula(Nd4jAlgebra.INSTANCE, STEPS, CLASSES,
                activated.permute(2, 0, 1).dup('c'), labels);
        Pair<Double, INDArray> got = loss.computeGradientAndScore(labels, pre, new ActivationTanH(), null, false);
        assertEquals(nd.perExample().sumNumber().doubleValue(), got.getFirst(), 1e-12);
        INDArray expected = nd.timeGradient().permute(1, 2, 0).mul(activated.mul(activated).rsub(1.0));
        double[] e = expected.dup('c').data().asDouble();
        double[] g = got.getSecond().dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], g[i], 1e-12 * Math.max(1, Math.abs(e[i])), "gradient at " + i);
        }
    }

    private static void assertLossMatchesNd4jFormula(FormulaLoss loss, INDArray spikes, INDArray labels, String where) {
        LossFormulas.Result<INDArray> nd = loss.reducedFormula(Nd4jAlgebra.INSTANCE, STEPS, CLASSES,
                spikes.permute(2, 0, 1).dup('c'), labels);
        Pair<Double, INDArray> got = loss.computeGradientAndScore(labels, spikes, new ActivationIdentity(), null,
                false);
        assertEquals(spikes.dataType(), got.getSecond().dataType(), where);
        assertArrayEquals(spikes.shape(), got.getSecond().shape(), where);
        assertArrayEquals(nd.timeGradient().permute(1, 2, 0).dup('c').data().asDouble(),
                got.getSecond().dup('c').data().asDouble(), where + " gradient");
        boolean single = spikes.dataType() == DataType.FLOAT;
        assertUlps(nd.perExample().sumNumber().doubleValue(), got.getFirst(), single, VALUE_ULPS, where + " score");
        INDArray perExample = loss.computeScoreArray(labels, spikes, new ActivationIdentity(), null);
        double[] expected = nd.perExample().dup('c').data().asDouble();
        double[] actual = perExample.dup('c').data().asDouble();
        assertArrayEquals(new long[] {spikes.size(0), 1}, perExample.shape(), where);
        for (int i = 0; i < expected.length; i++) {
            assertUlps(expected[i], actual[i], single, VALUE_ULPS, where + " example " + i);
        }
    }

    private static void assertSameResult(LossFormulas.Result<INDArray> nd, LossFormulas.Result<HostTensor> host,
                                         String where) {
        assertArrayEquals(nd.timeGradient().shape(), host.timeGradient().shape(), where + " gradient shape");
        assertArrayEquals(nd.perExample().shape(), host.perExample().shape(), where + " value shape");
        assertEquals(nd.timeGradient().dataType(), host.timeGradient().dataType(), where);
        assertArrayEquals(nd.timeGradient().dup('c').data().asDouble(), host.timeGradient().toDoubleArray(),
                where + " gradient");
        double[] expected = nd.perExample().dup('c').data().asDouble();
        boolean single = nd.perExample().dataType() == DataType.FLOAT;
        for (int i = 0; i < expected.length; i++) {
            assertUlps(expected[i], host.perExample().get(i), single, VALUE_ULPS, where + " value " + i);
        }
    }

    /** Asserts two numbers of the data type lie at most {@code ulps} representable values apart. */
    static void assertUlps(double expected, double actual, boolean single, long ulps, String where) {
        long distance = single
                ? Math.abs((long) order(Float.floatToIntBits((float) expected))
                        - order(Float.floatToIntBits((float) actual)))
                : Math.abs(order(Double.doubleToLongBits(expected)) - order(Double.doubleToLongBits(actual)));
        assertTrue(distance <= ulps, where + ": expected " + expected + ", got " + actual + " (" + distance + " ulps)");
    }

    private static int order(int bits) {
        return bits < 0 ? Integer.MIN_VALUE - bits : bits;
    }

    private static long order(long bits) {
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }
}
