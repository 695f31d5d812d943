package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link HostAlgebra} against {@link Nd4jAlgebra} on the same inputs, float and double: every elementwise
 * operation (NumPy broadcasting included) bit for bit, except exp and log in double (within
 * {@link #EXP_LOG_DOUBLE_ULPS} ulp); the reductions (each axis, pairs of axes, all axes, with
 * and without keepDims) bit for bit as well, since both add the values of each output in row-major order
 * (measured; see {@link #REDUCTION_ULPS}); reshape with -1, head, row and series give the same shapes and values.
 * A few hand-computed cases pin the broadcasting rule itself.
 */
class HostAlgebraTest {

    /** Most ulps between host and ND4J results of sum and mean over random values: none. */
    private static final long REDUCTION_ULPS = 0;

    /**
     * Most ulps between host and ND4J exp and log in double: 1. Java's {@link Math#exp} and ND4J's libm differ
     * in the last bit for some arguments (one of the random values here); in float both round to the
     * same float on every input tried.
     */
    private static final long EXP_LOG_DOUBLE_ULPS = 1;

    private static final HostAlgebra H = HostAlgebra.INSTANCE;
    private static final Nd4jAlgebra N = Nd4jAlgebra.INSTANCE;
    private static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE};

    /** Pairs of shapes that broadcast (NumPy rules), equal shapes first. */
    private static final long[][][] BROADCAST_PAIRS = {
        {{2, 3, 4}, {2, 3, 4}}, {{1, 3, 4}, {3, 4}}, {{2, 1, 4}, {1, 3, 1}}, {{2, 3, 1}, {4}},
        {{}, {2, 3}}, {{2, 3}, {}}, {{5, 1}, {1, 5}}, {{1, 6, 10}, {6, 10}}, {{1, 6, 1}, {1, 6, 10}},
    };

    private static INDArray random(long seed, DataType type, boolean positive, long... shape) {
        Random r = new Random(seed);
        double[] v = new double[HostTensor.lengthOf(shape)];
        for (int i = 0; i < v.length; i++) {
            int pick = r.nextInt(8);
            v[i] = pick == 0 ? 0 : pick == 1 ? 1 : r.nextGaussian() * 3;
            v[i] = positive ? Math.abs(v[i]) : v[i];
        }
        INDArray a = shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, 'c');
        return a.castTo(type);
    }

    private static void assertSame(INDArray expected, HostTensor actual, String where) {
        assertArrayEquals(expected.shape(), actual.shape(), where + " shape");
        assertEquals(expected.dataType(), actual.dataType(), where + " type");
        assertArrayEquals(expected.dup('c').data().asDouble(), actual.toDoubleArray(), where);
    }

    private static void assertWithinUlps(INDArray expected, HostTensor actual, long ulps, String where) {
        assertArrayEquals(expected.shape(), actual.shape(), where + " shape");
        double[] e = expected.dup('c').data().asDouble();
        boolean single = expected.dataType() == DataType.FLOAT;
        for (int i = 0; i < e.length; i++) {
            double a = actual.get(i);
            long d = single ? Math.abs((long) Float.floatToIntBits((float) e[i]) - Float.floatToIntBits((float) a))
                    : Math.abs(Double.doubleToLongBits(e[i]) - Double.doubleToLongBits(a));
            assertTrue(d <= ulps || Double.compare(e[i], a) == 0, where + " at " + i + ": " + e[i] + " vs " + a);
        }
    }

    /**
     * Each binary operation against a naive loop that finds both operands of every result value by NumPy's rule
     * (index modulo size, right-aligned), and against ND4J wherever ND4J broadcasts the pair itself (the result
     * has the first operand's shape).
     */
    @Test
    void binaryOperationsBroadcastLikeNumPyAndNd4jBitForBit() {
        int seed = 0;
        for (DataType type : TYPES) {
            for (long[][] pair : BROADCAST_PAIRS) {
                INDArray x = random(++seed, type, false, pair[0]);
                INDArray y = random(++seed, type, false, pair[1]);
                HostTensor hx = HostTensor.of(x);
                HostTensor hy = HostTensor.of(y);
                String where = type + " " + Arrays.toString(pair[0]) + " op " + Arrays.toString(pair[1]);
                assertNaive(hx, hy, (p, q) -> p + q, H.add(hx, hy), where + " add");
                assertNaive(hx, hy, (p, q) -> p - q, H.sub(hx, hy), where + " sub");
                assertNaive(hx, hy, (p, q) -> p * q, H.mul(hx, hy), where + " mul");
                assertNaive(hx, hy, (p, q) -> p / q, H.div(hx, hy), where + " div");
                assertNaive(hx, hy, Math::max, H.max(hx, hy), where + " max");
                assertNaive(hx, hy, (p, q) -> p - q, H.sub(hx, hy, null), where + " sub into");
                assertNaive(hx, hy, (p, q) -> p * q, H.mul(hx, hy, null), where + " mul into");
                if (Arrays.equals(H.add(hx, hy).shape(), x.shape()) && x.rank() > 0) {
                    assertSame(N.add(x, y), H.add(hx, hy), where + " add");
                    assertSame(N.sub(x, y), H.sub(hx, hy), where + " sub");
                    assertSame(N.mul(x, y), H.mul(hx, hy), where + " mul");
                    assertSame(N.div(x, y), H.div(hx, hy), where + " div");
                    assertSame(N.sub(x, y, null), H.sub(hx, hy, null), where + " sub into");
                    assertSame(N.mul(x, y, null), H.mul(hx, hy, null), where + " mul into");
                }
            }
        }
    }

    private static void assertNaive(HostTensor x, HostTensor y, java.util.function.DoubleBinaryOperator op,
                                    HostTensor actual, String where) {
        long[] xs = x.shape();
        long[] ys = y.shape();
        int rank = Math.max(xs.length, ys.length);
        long[] shape = new long[rank];
        for (int a = 0; a < rank; a++) {
            shape[a] = Math.max(size(xs, a - rank + xs.length), size(ys, a - rank + ys.length));
        }
        assertArrayEquals(shape, actual.shape(), where + " shape");
        boolean single = x.dataType() == DataType.FLOAT;
        for (int i = 0; i < actual.length(); i++) {
            long rest = i;
            long[] index = new long[rank];
            for (int a = rank - 1; a >= 0; a--) {
                index[a] = rest % shape[a];
                rest /= shape[a];
            }
            double expected = op.applyAsDouble(x.get(flat(xs, index)), y.get(flat(ys, index)));
            assertEquals(single ? (float) expected : expected, actual.get(i), where + " at " + i);
        }
    }

    private static long size(long[] shape, int axis) {
        return axis < 0 ? 1 : shape[axis];
    }

    /** Row-major position in a tensor of {@code shape} of the broadcast index (right-aligned, modulo size). */
    private static int flat(long[] shape, long[] index) {
        long pos = 0;
        for (int a = 0; a < shape.length; a++) {
            pos = pos * shape[a] + index[index.length - shape.length + a] % shape[a];
        }
        return (int) pos;
    }

    @Test
    void maxOfTwoTensorsBroadcasts() {
        for (DataType type : TYPES) {
            INDArray x = random(3, type, false, 4, 5);
            INDArray y = random(4, type, false, 4, 5);
            assertSame(N.max(x, y), H.max(HostTensor.of(x), HostTensor.of(y)), type + " max");
        }
        HostTensor col = HostTensor.of(new double[] {1, 5}, DataType.DOUBLE, 2, 1);
        HostTensor row = HostTensor.of(new double[] {0, 3, 7}, DataType.DOUBLE, 3);
        assertArrayEquals(new double[] {1, 3, 7, 5, 5, 7}, H.max(col, row).toDoubleArray());
    }

    /** Hand-computed: [2, 1] + [3] is [2, 3]; [] * [2, 2] scales every value; rank 3 with rank 1. */
    @Test
    void broadcastingByHand() {
        HostTensor col = HostTensor.of(new double[] {10, 20}, DataType.DOUBLE, 2, 1);
        HostTensor row = HostTensor.of(new double[] {1, 2, 3}, DataType.DOUBLE, 3);
        HostTensor sum = H.add(col, row);
        assertArrayEquals(new long[] {2, 3}, sum.shape());
        assertArrayEquals(new double[] {11, 12, 13, 21, 22, 23}, sum.toDoubleArray());
        assertArrayEquals(new double[] {-9, -19, -8, -18, -7, -17},
                H.sub(H.reshape(row, 3, 1), H.reshape(col, 1, 2)).toDoubleArray());
        HostTensor scalar = HostTensor.of(new double[] {2}, DataType.DOUBLE);
        assertArrayEquals(new double[] {2, 4, 6}, H.mul(scalar, row).toDoubleArray());
        HostTensor cube = HostTensor.of(new double[] {1, 2, 3, 4, 5, 6}, DataType.DOUBLE, 2, 1, 3);
        assertArrayEquals(new double[] {2, 4, 6, 5, 7, 9}, H.add(cube, row).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> H.add(HostTensor.of(new double[6], DataType.DOUBLE, 2, 3), H.reshape(row, 1, 3, 1)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[1, 3, 1]"), e.getMessage());
    }

    @Test
    void scalarAndUnaryOperationsMatchNd4jBitForBit() {
        for (DataType type : TYPES) {
            INDArray x = random(7, type, false, 3, 4, 5);
            INDArray p = random(8, type, true, 3, 4, 5);
            checkUnary(x, a -> N.add(a, 0.1), h -> H.add(h, 0.1), "add 0.1");
            checkUnary(x, a -> N.mul(a, 1.0 / 3), h -> H.mul(h, 1.0 / 3), "mul 1/3");
            checkUnary(x, a -> N.rsub(1.5, a), h -> H.rsub(1.5, h), "rsub");
            checkUnary(x, a -> N.rsub(1.5, a, null), h -> H.rsub(1.5, h, null), "rsub into");
            checkUnary(x, a -> N.rdiv(0.7, a), h -> H.rdiv(0.7, h), "rdiv (zeros give infinities)");
            checkUnary(x, a -> N.step(a), h -> H.step(h), "step");
            checkUnary(x, a -> N.eq(a, 1.0), h -> H.eq(h, 1.0), "eq 1");
            checkUnary(x, a -> N.clamp(a, -1.25, 2.0), h -> H.clamp(h, -1.25, 2.0), "clamp");
            checkUnary(x, a -> N.clamp(a, -Double.MAX_VALUE, 0.3), h -> H.clamp(h, -Double.MAX_VALUE, 0.3),
                    "one-sided clamp");
            checkUnary(p, a -> N.sqrt(a), h -> H.sqrt(h), "sqrt");
            long ulps = type == DataType.FLOAT ? 0 : EXP_LOG_DOUBLE_ULPS;
            assertWithinUlps(N.exp(x), H.exp(HostTensor.of(x)), ulps, type + " exp");
            assertWithinUlps(N.log(p), H.log(HostTensor.of(p)), ulps, type + " log (zeros give -infinity)");
            checkUnary(x, a -> N.stopGradient(a), h -> H.stopGradient(h), "stopGradient");
        }
    }

    private static void checkUnary(INDArray x, Function<INDArray, INDArray> nd, Function<HostTensor, HostTensor> host,
                                   String what) {
        assertSame(nd.apply(x), host.apply(HostTensor.of(x)), x.dataType() + " " + what);
    }

    /** Consuming operations give the plain operation's values and, on the host, write into their first argument. */
    @Test
    void consumingOperationsAndIntoWriteInPlace() {
        for (DataType type : TYPES) {
            INDArray x = random(9, type, false, 2, 3, 4);
            INDArray y = random(10, type, false, 3, 1);
            checkConsuming(x, y, (a, b) -> N.addi(a, b), (a, b) -> H.addi(a, b), N.add(x, y), "addi");
            checkConsuming(x, y, (a, b) -> N.muli(a, b), (a, b) -> H.muli(a, b), N.mul(x, y), "muli");
            checkConsuming(x, y, (a, b) -> N.muli(a, 0.3), (a, b) -> H.muli(a, 0.3), N.mul(x, 0.3), "muli scalar");
            checkConsuming(x, y, (a, b) -> N.stepi(a), (a, b) -> H.stepi(a), N.step(x), "stepi");
            checkConsuming(x, y, (a, b) -> N.clampi(a, -1, 1), (a, b) -> H.clampi(a, -1, 1), N.clamp(x, -1, 1),
                    "clampi");
            HostTensor into = HostTensor.of(x);
            HostTensor out = H.sub(HostTensor.of(x), HostTensor.of(y), into);
            org.junit.jupiter.api.Assertions.assertSame(into, out, type + " sub into a tensor of the result's shape");
            assertSame(N.sub(x, y), out, type + " sub into");
            HostTensor wrongShape = HostTensor.of(y);
            HostTensor fresh = H.mul(HostTensor.of(x), HostTensor.of(y), wrongShape);
            assertTrue(fresh != wrongShape, "an into of another shape is ignored");
            assertSame(N.mul(x, y), fresh, type + " mul, into ignored");
            assertSame(N.rsub(2, x), H.rsub(2, HostTensor.of(x), HostTensor.of(x)), type + " rsub into");
        }
    }

    private static void checkConsuming(INDArray x, INDArray y, BiFunction<INDArray, INDArray, INDArray> nd,
                                       BiFunction<HostTensor, HostTensor, HostTensor> host, INDArray plain,
                                       String what) {
        HostTensor first = HostTensor.of(x);
        HostTensor result = host.apply(first, HostTensor.of(y));
        org.junit.jupiter.api.Assertions.assertSame(first, result, what + " writes into its first argument");
        assertSame(plain, result, x.dataType() + " " + what);
        assertSame(nd.apply(x.dup(), y), result, x.dataType() + " " + what + " vs ND4J's in-place op");
    }

    @Test
    void reductionsOverEveryAxisSetMatchNd4j() {
        int[][] axisSets = {{}, {0}, {1}, {2}, {-1}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};
        for (DataType type : TYPES) {
            INDArray x = random(12, type, false, 5, 6, 10);
            HostTensor h = HostTensor.of(x);
            for (int[] axes : axisSets) {
                for (boolean keep : new boolean[] {false, true}) {
                    String where = type + " axes " + Arrays.toString(axes) + " keepDims " + keep;
                    assertWithinUlps(N.sum(x, keep, axes), H.sum(h, keep, axes), REDUCTION_ULPS, where + " sum");
                    assertWithinUlps(N.mean(x, keep, axes), H.mean(h, keep, axes), REDUCTION_ULPS, where + " mean");
                    assertSame(N.maxOver(x, keep, axes), H.maxOver(h, keep, axes), where + " max");
                }
            }
        }
    }

    /** Hand-computed sums of a [2, 3] tensor: over rows, columns and everything, keeping the axes or not. */
    @Test
    void reductionsByHand() {
        HostTensor x = HostTensor.of(new double[] {1, 2, 3, 4, 5, 6}, DataType.DOUBLE, 2, 3);
        assertArrayEquals(new double[] {5, 7, 9}, H.sum(x, false, 0).toDoubleArray());
        assertArrayEquals(new long[] {1, 3}, H.sum(x, true, 0).shape());
        assertArrayEquals(new double[] {6, 15}, H.sum(x, false, 1).toDoubleArray());
        assertArrayEquals(new long[] {2, 1}, H.sum(x, true, 1).shape());
        assertArrayEquals(new long[] {}, H.sum(x, false).shape());
        assertEquals(21, H.sum(x, false).get(0));
        assertArrayEquals(new long[] {1, 1}, H.sum(x, true).shape());
        assertArrayEquals(new double[] {2, 5}, H.mean(x, false, 1).toDoubleArray());
        assertArrayEquals(new double[] {3, 6}, H.maxOver(x, false, -1).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> H.sum(x, false, 2));
        assertThrows(IllegalArgumentException.class, () -> H.sum(x, false, 1, 1));
    }

    @Test
    void reshapeHeadRowAndSeriesMatchNd4j() {
        for (DataType type : TYPES) {
            INDArray x = random(13, type, false, 4, 3, 5);
            HostTensor h = HostTensor.of(x);
            assertSame(N.reshape(x, 4, -1), H.reshape(h, 4, -1), type + " reshape -1");
            assertSame(N.reshape(x, -1, 5, 1), H.reshape(h, -1, 5, 1), type + " reshape leading -1");
            assertSame(N.reshape(x, 60), H.reshape(h, 60), type + " reshape flat");
            assertThrows(IllegalArgumentException.class, () -> H.reshape(h, 7, -1));
            assertThrows(IllegalArgumentException.class, () -> H.reshape(h, -1, -1, 3));
            for (int axis = 0; axis < 3; axis++) {
                assertSame(N.head(x, axis, 2), H.head(h, axis, 2), type + " head axis " + axis);
                assertSame(N.head(x, axis, x.size(axis)), H.head(h, axis, x.size(axis)), type + " whole axis " + axis);
            }
            TensorAlgebra.Series<INDArray> nd = N.series(4);
            TensorAlgebra.Series<HostTensor> host = H.series(4);
            for (int t = 3; t >= 0; t--) {
                assertSame(N.row(x, t), H.row(h, t), type + " row " + t);
                INDArray row = N.mul(N.row(x, t), 2.0);
                nd.put(t, row);
                assertNull(host.slot(t, H.row(h, t)));
                HostTensor hostRow = H.mul(H.row(h, t), 2.0);
                host.put(t, hostRow);
                H.muli(hostRow, 0.0);                  // the series copied it
            }
            assertSame(nd.stacked(), host.stacked(), type + " series");
            assertThrows(IllegalArgumentException.class, () -> H.row(h, 4));
        }
        assertThrows(IllegalStateException.class, () -> H.series(2).stacked());
    }

    @Test
    void hostTensorConversions() {
        INDArray x = random(14, DataType.FLOAT, false, 3, 4, 2);
        INDArray view = x.permute(2, 0, 1);
        HostTensor h = HostTensor.of(view);
        assertSame(view.dup('c'), h, "a permuted view is read in row-major order");
        assertSame(x, HostTensor.of(x.dup('f')), "an f-ordered array too");
        for (DataType type : TYPES) {
            INDArray y = random(15, type, false, 4, 3, 2);
            assertSame(N.row(y, 2).dup('c'), HostTensor.of(N.row(y, 2)), type + " a row view at an offset");
            INDArray middle = y.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all());
            assertSame(middle.dup('c'), HostTensor.of(middle), type + " an interval view");
            INDArray flat = y.reshape(new long[] {24}).get(NDArrayIndex.interval(5, 17));
            assertSame(flat.dup('c'), HostTensor.of(flat), type + " a vector view at an offset");
        }
        assertSame(view.dup('c'), HostTensor.of(x).permute(2, 0, 1), "permute on the host");
        INDArray back = h.toNd4j();
        assertArrayEquals(view.shape(), back.shape());
        assertEquals(view.dup('c'), back);
        INDArray scalar = H.sum(HostTensor.of(x), false).toNd4j();
        assertEquals(0, scalar.rank());
        assertEquals(x.sumNumber().doubleValue(), scalar.getDouble(0), 0.0);
        assertEquals(Nd4j.create(new double[] {1.5, -2}, new long[] {2}, DataType.DOUBLE),
                HostTensor.of(new double[] {1.5, -2}, DataType.DOUBLE, 2).toNd4j());
        assertEquals(DataType.DOUBLE, h.castTo(DataType.DOUBLE).dataType());
        org.junit.jupiter.api.Assertions.assertSame(h, h.castTo(DataType.FLOAT));
        assertEquals((float) 0.1, HostTensor.of(new double[] {0.1}, DataType.FLOAT, 1).get(0));
        assertThrows(IllegalArgumentException.class, () -> HostTensor.of(Nd4j.zeros(DataType.INT, 2)));
        assertThrows(IllegalArgumentException.class, () -> HostTensor.of(new double[3], DataType.FLOAT, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> h.permute(0, 0, 1));
        assertTrue(HostTensor.suits(Nd4j.zeros(DataType.FLOAT, 50, 10, 5)));
        assertTrue(!HostTensor.suits(Nd4j.zeros(DataType.FLOAT, HostTensor.MAX_LENGTH + 1)));
        assertTrue(!HostTensor.suits(Nd4j.zeros(DataType.HALF, 3)));
        assertTrue(HostTensor.of(new double[] {0, 1, 1}, DataType.FLOAT, 3).allZeroOrOne());
        assertTrue(!HostTensor.of(new double[] {0, 1, 0.5}, DataType.FLOAT, 3).allZeroOrOne());
        assertTrue(!HostTensor.of(new double[] {0, Double.NaN}, DataType.DOUBLE, 2).allFinite());
    }
}
