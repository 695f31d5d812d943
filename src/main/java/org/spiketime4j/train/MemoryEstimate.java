package org.spiketime4j.train;

import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * A rough upper estimate of the memory one training batch needs, checked before a run allocates it, so that a
 * batch too large for the machine is refused with a message instead of ending in a native {@code bad_alloc} or the
 * kernel's out-of-memory killer.
 *
 * <p>Per example it counts the input and, for each layer, its output elements times {@value #COPIES_PER_ACTIVATION}
 * (the traces of the forward recurrence, the spikes, the gradients of the backward sweep and workspace copies),
 * in 4-byte floats. Calibration: the MNIST preset with batch 500 ran at a peak resident set of 3.8 GB
 * ({@code /usr/bin/time -f %M ./spiketime train --batch 500 --limit 500 --epochs 1}), about 5.6 MB per example
 * above the JVM's own gigabyte; the estimate gives 5.7 MB per example.
 */
final class MemoryEstimate {

    /** Arrays of an activation's size a training step keeps per layer (forward traces, spikes, gradients, copies). */
    static final int COPIES_PER_ACTIVATION = 20;

    private MemoryEstimate() {
    }

    /**
     * @param conf      the network
     * @param inputType its input type
     * @param batchSize examples per batch
     * @return the estimated bytes of one training step's activations
     */
    static long trainingBytes(MultiLayerConfiguration conf, InputType inputType, int batchSize) {
        List<InputType> outputs = conf.getLayerActivationTypes(inputType);
        long perExample = inputType.arrayElementsPerExample();
        for (InputType t : outputs) {
            perExample += COPIES_PER_ACTIVATION * t.arrayElementsPerExample();
        }
        try {
            return Math.multiplyExact(Math.multiplyExact(perExample, (long) batchSize), (long) Float.BYTES);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * @return the bytes ND4J may allocate: the smaller of its off-heap limit ({@code org.bytedeco.javacpp.maxBytes})
     *         and the machine's physical memory
     */
    static long availableBytes() {
        long max = Pointer.maxBytes() > 0 ? Pointer.maxBytes() : Long.MAX_VALUE;
        long physical = Pointer.totalPhysicalBytes() > 0 ? Pointer.totalPhysicalBytes() : Long.MAX_VALUE;
        return Math.min(max, physical);
    }

    /**
     * @param conf      the network
     * @param inputType its input type
     * @param batchSize examples per batch
     * @throws IllegalArgumentException if the estimate exceeds {@link #availableBytes()} (message gives both)
     */
    static void check(MultiLayerConfiguration conf, InputType inputType, int batchSize) {
        long need = trainingBytes(conf, inputType, batchSize);
        long have = availableBytes();
        if (need > have) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a batch of %d needs about %s for training, more than the %s available (the off-heap limit "
                            + "org.bytedeco.javacpp.maxBytes or the machine's memory): choose a smaller --batch",
                    batchSize, gib(need), gib(have)));
        }
    }

    private static String gib(long bytes) {
        return bytes == Long.MAX_VALUE ? "more than 8 EiB" : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
