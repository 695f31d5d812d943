package org.spiketime4j.neuron;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs a small layer's ND4J ops on one native thread. A product or an element-wise op on a few thousand
 * values is split over the OpenMP team all the same, and on a shared machine the hand-off to an idle core
 * costs more than the op: the MNIST network's output layer (250 x 300 x 10 multiply-adds per product) spent
 * 1.3-2.2 ms of its 2.2-3.3 ms backward pass waiting for a second thread, and 0.9-1.3 ms of the whole training
 * step went with one thread for that layer alone (in-process A/B on 2 cores, 2026-12-02). Only the calling
 * thread's OpenMP team changes ({@code omp_set_num_threads} is per thread), and it is put back afterwards, on
 * failure too; the numbers do not change, since the products split their rows and columns over the threads,
 * never a sum. Other backends run the work as it is.
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
