package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Weight standardization and the gamma fold against finite differences and invariants. */
class WeightStandardizationTest {

    private static INDArray gaussian(Random r, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextGaussian());
        }
        return a;
    }

    /** L = sum(R * W_hat(W, gamma, beta)): its exact gradient is WeightStandardization.backward(R). */
    private static double loss(INDArray r, INDArray w, INDArray gamma, INDArray beta) {
        return WeightStandardization.forward(w, gamma, beta).mul(r).sumNumber().doubleValue();
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Random rnd = new Random(11);
        INDArray w = gaussian(rnd, 3, 2, 2, 2);
        INDArray gamma = gaussian(rnd, 3).addi(2);
        INDArray beta = gaussian(rnd, 3);
        INDArray r = gaussian(rnd, 3, 2, 2, 2);
        WeightStandardization.Gradients g = WeightStandardization.backward(w, gamma, r);
        double h = 1e-6;
        for (INDArray[] pair : new INDArray[][]{{w, g.weight()}, {gamma, g.gamma()}, {beta, g.beta()}}) {
            INDArray p = pair[0];
            for (long i = 0; i < p.length(); i++) {
                double v = p.getDouble(i);
                p.putScalar(i, v + h);
                double up = loss(r, w, gamma, beta);
                p.putScalar(i, v - h);
                double down = loss(r, w, gamma, beta);
                p.putScalar(i, v);
                assertEquals((up - down) / (2 * h), pair[1].getDouble(i), 1e-6);
            }
        }
    }

    @Test
    void standardizedRowsHaveGammaScaleAndBetaMean() {
        Random rnd = new Random(3);
        INDArray w = gaussian(rnd, 4, 9);
        INDArray gamma = Nd4j.createFromArray(1.0, 2.0, 0.5, 3.0);
        INDArray beta = Nd4j.createFromArray(0.0, 1.0, -1.0, 0.25);
        INDArray wHat = WeightStandardization.forward(w, gamma, beta);
        for (int c = 0; c < 4; c++) {
            INDArray row = wHat.getRow(c);
            assertEquals(beta.getDouble(c), row.meanNumber().doubleValue(), 1e-12);
            double v = unbiasedVariance(w.getRow(c).toDoubleVector());
            double expected = gamma.getDouble(c) * gamma.getDouble(c) * v / (v + WeightStandardization.EPSILON);
            assertEquals(expected, unbiasedVariance(row.toDoubleVector()), 1e-12);
        }
    }

    private static double unbiasedVariance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return ss / (x.length - 1);
    }

    @Test
    void foldKeepsThresholdRatioAndResetsGamma() {
        INDArray thr = Nd4j.createFromArray(1.0, 2.0);
        INDArray gamma = Nd4j.createFromArray(0.5, 4.0);
        INDArray beta = Nd4j.createFromArray(0.2, -0.4);
        WeightStandardization.foldGammaIntoThreshold(thr, gamma, beta);
        assertEquals(2.0, thr.getDouble(0), 1e-15);
        assertEquals(0.5, thr.getDouble(1), 1e-15);
        assertEquals(0.4, beta.getDouble(0), 1e-15);
        assertEquals(-0.1, beta.getDouble(1), 1e-15);
        assertEquals(1.0, gamma.getDouble(0));
        assertEquals(1.0, gamma.getDouble(1));
        assertThrows(IllegalStateException.class, () -> WeightStandardization.foldGammaIntoThreshold(
                Nd4j.createFromArray(1.0), Nd4j.createFromArray(-1.0), Nd4j.createFromArray(0.0)));
    }

    @Test
    void foldLeavesSpikesUnchanged() {
        SrmNeuron n = SrmNeuron.MNIST;
        Random rnd = new Random(9);
        INDArray w = gaussian(rnd, 5, 8);
        INDArray gamma = Nd4j.createFromArray(0.7, 1.3, 2.0, 0.9, 1.1);
        INDArray beta = gaussian(rnd, 5).muli(0.1);
        INDArray thr = Nd4j.createFromArray(0.8, 1.0, 1.2, 0.6, 0.9);
        INDArray x = gaussian(rnd, 5, 8);
        INDArray before = SrmForward.run(n, x.mmul(WeightStandardization.forward(w, gamma, beta).transpose())
                .reshape(1, 25), tile(thr, 5), false).spikes();
        WeightStandardization.foldGammaIntoThreshold(thr, gamma, beta);
        INDArray after = SrmForward.run(n, x.mmul(WeightStandardization.forward(w, gamma, beta).transpose())
                .reshape(1, 25), tile(thr, 5), false).spikes();
        assertEquals(before, after);
    }

    private static INDArray tile(INDArray perChannel, int batch) {
        return Nd4j.tile(perChannel.reshape(1, perChannel.length()), batch, 1).reshape(1, batch * perChannel.length());
    }
}
