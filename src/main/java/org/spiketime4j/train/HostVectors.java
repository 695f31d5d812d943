package org.spiketime4j.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chunked access to the host memory of a float vector whose elements lie back to back (an updater block's
 * gradient and state views), for the updaters' loops on the CPU backend.
 */
final class HostVectors {

    /** Elements per chunk: three chunks stay in the L1/L2 cache. */
    static final int CHUNK = 4096;

    /** System property that turns the host loops off ({@code false}), shared with the neuron's fused loops. */
    private static final String PROPERTY = "spiketime.fusedKernels";

    private final FloatBuffer floats;
    private final int base;
    private final int length;

    /**
     * @param vector a supported vector ({@link #supports})
     */
    HostVectors(INDArray vector) {
        this.floats = vector.data().asNioFloat();
        this.base = (int) vector.offset();
        this.length = (int) vector.length();
    }

    /**
     * @param vectors arrays of one length
     * @return true when host loops are enabled, the backend is the CPU, and each array is a float vector (rank 1,
     *         or rank 2 with one row or column) with unit element stride
     */
    static boolean supports(INDArray... vectors) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true")) || !Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        long length = vectors[0].length();
        for (INDArray x : vectors) {
            if (x.dataType() != DataType.FLOAT || x.length() != length || x.isEmpty() || x.rank() > 2
                    || !(x.rank() < 2 || x.isVector()) || x.elementWiseStride() != 1
                    || x.offset() + length >= Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** @return the number of elements */
    int length() {
        return length;
    }

    /** Copies {@code n} elements from index {@code from} into {@code dst[0..n)}. */
    void read(int from, int n, float[] dst) {
        floats.get(base + from, dst, 0, n);
    }

    /** Writes {@code src[0..n)} to the elements from index {@code from}. */
    void write(int from, int n, float[] src) {
        floats.put(base + from, src, 0, n);
    }
}
