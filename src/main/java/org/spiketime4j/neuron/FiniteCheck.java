package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether an array holds only finite values: the input check of every spiking layer. On the CPU backend a
 * contiguous float array is read once from host memory (about 0.1 ms for the 0.5 M values of the MNIST
 * network's second conv input); otherwise, and where the fused loops are off ({@link KernelDispatch}), one
 * ND4J sum, which NaN and infinities propagate into (a reduction call costs 0.15-0.4 ms per layer, more
 * than the check itself).
 */
public final class FiniteCheck {

    /** Values per chunk read from host memory. */
    private static final int CHUNK = 4096;

    private FiniteCheck() {
    }

    /**
     * @param x an array of any shape and data type
     * @return true when no value is NaN or infinite
     */
    public static boolean allFinite(INDArray x) {
        if (x.isEmpty()) {
            return true;
        }
        HostRows row = KernelDispatch.hostRow(x);
        return row != null ? hostAllFinite(row, (int) x.length()) : Double.isFinite(x.sumNumber().doubleValue());
    }

    /** x * 0 is 0 for a finite x and NaN otherwise; the sums stay 0 exactly when every value is finite. */
    private static boolean hostAllFinite(HostRows values, int length) {
        float[] chunk = new float[CHUNK];
        float[] sums = new float[CHUNK];
        for (int from = 0; from < length; from += CHUNK) {
            int n = Math.min(CHUNK, length - from);
            values.read(0, from, n, chunk);
            accumulateTimesZero(chunk, sums, n);
        }
        for (float s : sums) {
            if (s != 0f) {
                return false;
            }
        }
        return true;
    }

    private static void accumulateTimesZero(float[] chunk, float[] sums, int n) {
        for (int i = 0; i < n; i++) {
            sums[i] += chunk[i] * 0f;
        }
    }
}
