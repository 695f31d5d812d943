package org.spiketime4j.neuron;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs a small layer's ND4J ops on one native thread. A product or an element-wise op on a few thousand
 * values is split over the OpenMP team all the same, and waking the idle second core (~30 us per hand-off on the
 * 2-core workplace machine) costs more than the op: the MNIST network's output layer (250 x 300 x 10 multiply-adds
 * per product) took 2.2-3.3 ms for its backward pass with two threads, of which only 1.4-1.6 ms on the CPU of the
 * calling thread, and 1.2-1.6 ms with one (in-process A/B, 2026-12-02). Only the calling thread's OpenMP team
 * changes ({@code omp_set_num_threads} is per thread), and it is put back afterwards, on failure too. The floats do
 * not change ({@code NativeThreadsTest} for the layer's products; 120 MNIST training steps gave identical
 * parameters). Other backends run the work as it is.
 */
public final class NativeThreads {

    /** Work below this many multiply-adds runs on one native thread. */
    public static final long SMALL_WORK = 1L << 22;

    private NativeThreads() {
    }

    /**
     * @param multiplyAdds the size of the work: the multiply-adds of its largest product
     * @param work         the work
     * @param <T>          its result type
     * @return the work's result, computed with the calling thread's OpenMP team at one thread when the work is
     *         below {@link #SMALL_WORK} on the CPU backend, else as it is
     */
    public static <T> T forSize(long multiplyAdds, Supplier<T> work) {
        if (multiplyAdds >= SMALL_WORK || !Nd4j.getEnvironment().isCPU()) {
            return work.get();
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int team = ops.ompGetMaxThreads();
        if (team <= 1) {
            return work.get();
        }
        ops.setOmpNumThreads(1);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(team);
        }
    }
}
