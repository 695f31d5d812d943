package org.spiketime4j.loss;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random spike batches and labels for the loss tests, reproducible from a seed. */
final class LossTestData {

    private LossTestData() {
    }

    /** @return spikes {@code [mb, classes, steps]} in double, each 1 with probability p */
    static INDArray spikes(long seed, int mb, int classes, int steps, double p) {
        Random r = new Random(seed);
        double[] v = new double[mb * classes * steps];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() < p ? 1 : 0;
        }
        return Nd4j.create(v, new long[] {mb, classes, steps}, DataType.DOUBLE);
    }

    /** @return one-hot labels {@code [mb, classes]} in double, drawn uniformly */
    static INDArray labels(long seed, int mb, int classes) {
        Random r = new Random(seed + 1);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, mb, classes);
        for (int n = 0; n < mb; n++) {
            out.putScalar(n, r.nextInt(classes), 1.0);
        }
        return out;
    }
}
