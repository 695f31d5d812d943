package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spiketime4j.neuron.FusedKernelsTest.assertSameFloats;
import static org.spiketime4j.neuron.FusedKernelsTest.uniform;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * {@link NativeThreads}: small work sees an OpenMP team of one, large work the team as it was, the team is put
 * back afterwards (after a failure too), and the products a layer runs give the same floats either way.
 */
class NativeThreadsTest {

    private final NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
    private int before;

    @BeforeEach
    void twoThreads() {
        before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(2);
    }

    @AfterEach
    void restore() {
        ops.setOmpNumThreads(before);
    }

    @Test
    void smallWorkRunsOnOneThreadAndTheTeamIsRestored() {
        int inside = NativeThreads.forSize(NativeThreads.SMALL_WORK - 1, ops::ompGetMaxThreads);
        assertEquals(1, inside);
        assertEquals(2, ops.ompGetMaxThreads());
    }

    @Test
    void largeWorkKeepsTheTeam() {
        int inside = NativeThreads.forSize(NativeThreads.SMALL_WORK, ops::ompGetMaxThreads);
        assertEquals(2, inside);
        assertEquals(2, ops.ompGetMaxThreads());
    }

    @Test
    void theTeamIsRestoredWhenTheWorkFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeThreads.forSize(10, () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", e.getMessage());
        assertEquals(2, ops.ompGetMaxThreads());
    }

    /** The output layer's three products (MNIST network: 250 rows, 300 inputs, 10 outputs) on one or two threads. */
    @Test
    void productsGiveTheSameFloatsOnOneThread() {
        Random rnd = new Random(11);
        INDArray rows = uniform(rnd, -1, 1, 250, 300);
        INDArray weight = uniform(rnd, -1, 1, 10, 300);
        INDArray grad = uniform(rnd, -1, 1, 250, 10);
        INDArray[] two = products(rows, weight, grad);
        INDArray[] one = NativeThreads.forSize(1, () -> products(rows, weight, grad));
        for (int i = 0; i < two.length; i++) {
            assertSameFloats(two[i], one[i], "product " + i);
        }
    }

    private static INDArray[] products(INDArray rows, INDArray weight, INDArray grad) {
        return new INDArray[]{Nd4j.gemm(rows, weight, false, true), Nd4j.gemm(grad, rows, true, false),
                Nd4j.gemm(grad, weight, false, false), rows.mul(rows), rows.sum(0)};
    }
}
