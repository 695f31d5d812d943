package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a loss's gradient is the true derivative of its value with respect to the spike values relaxed to
 * reals, it must equal the central finite difference of the value, with the rate-to-time sign: dL/dt = -dL/ds.
 * For count+ and CE+, whose gradients are rescaled on purpose, the tests check the documented rescaling of
 * the finite difference instead.
 */
class LossFiniteDifferenceTest {

    /** Step of the central differences; the counting values are quadratic (differences exact up to rounding). */
    private static final double H = 1e-5;

    private static double value(SpikeTimeLoss loss, INDArray labels, INDArray spikes) {
        return loss.computeScore(labels, spikes, new ActivationIdentity(), null, false);
    }

    private static INDArray gradient(SpikeTimeLoss loss, INDArray labels, INDArray spikes) {
        return loss.computeGradient(labels, spikes, new ActivationIdentity(), null);
    }

    /** dL/ds at one position by central differences. */
    private static double numericSpikeDerivative(SpikeTimeLoss loss, INDArray labels, INDArray spikes, long... at) {
        double orig = spikes.getDouble(at);
        INDArray plus = spikes.dup();
        plus.putScalar(at, orig + H);
        INDArray minus = spikes.dup();
        minus.putScalar(at, orig - H);
        return (value(loss, labels, plus) - value(loss, labels, minus)) / (2 * H);
    }

    private static void assertTimeGradientIsMinusDerivativeEverywhere(SpikeTimeLoss loss, long seed) {
        INDArray spikes = LossTestData.spikes(seed, 3, 4, 7, 0.4);
        INDArray labels = LossTestData.labels(seed, 3, 4);
        INDArray grad = gradient(loss, labels, spikes);
        int checked = 0;
        for (long n = 0; n < 3; n++) {
            for (long c = 0; c < 4; c++) {
                for (long t = 0; t < 7; t++) {
                    double numeric = numericSpikeDerivative(loss, labels, spikes, n, c, t);
                    assertEquals(-numeric, grad.getDouble(n, c, t), 1e-7 * Math.max(1, Math.abs(numeric)),
                            loss.name() + " at " + n + "," + c + "," + t);
                    checked++;
                }
            }
        }
        assertEquals(84, checked);
    }

    @Test
    void kernelGradientIsTheDerivativeOfItsValue() {
        assertTimeGradientIsMinusDerivativeEverywhere(new KernelLoss(3, Reduction.SUM), 11);
        assertTimeGradientIsMinusDerivativeEverywhere(new KernelLoss(1.7, Reduction.SUM), 12);
    }

    @Test
    void tetGradientIsTheDerivativeOfItsValue() {
        assertTimeGradientIsMinusDerivativeEverywhere(new TetLoss(), 21);
    }

    /**
     * count without re-weighting, D out of reach and U = 0: no clamp is active at a spike, so at every spike
     * the gradient is minus the derivative of the value.
     */
    @Test
    void countGradientIsTheDerivativeOfItsValueAtSpikes() {
        SpikeTimeLoss loss = new SpikeCountLoss(new TargetCounts(100, 0), false, Reduction.SUM);
        INDArray spikes = LossTestData.spikes(31, 4, 5, 6, 0.5);
        INDArray labels = LossTestData.labels(31, 4, 5);
        INDArray grad = gradient(loss, labels, spikes);
        int spikesChecked = 0;
        for (long n = 0; n < 4; n++) {
            for (long c = 0; c < 5; c++) {
                for (long t = 0; t < 6; t++) {
                    if (spikes.getDouble(n, c, t) == 1) {
                        double numeric = numericSpikeDerivative(loss, labels, spikes, n, c, t);
                        assertEquals(-numeric, grad.getDouble(n, c, t), 1e-6 * Math.max(1, Math.abs(numeric)));
                        spikesChecked++;
                    } else {
                        assertEquals(0.0, grad.getDouble(n, c, t), 0.0);
                    }
                }
            }
        }
        assertTrue(spikesChecked > 20, "too few spikes: " + spikesChecked);
    }

    /** count+ is not a derivative: at each spike it is minus the derivative of the value divided by n~. */
    @Test
    void countPlusGradientIsTheDerivativeDividedByTheCount() {
        SpikeTimeLoss loss = new EnhancedCountLoss(new TargetCounts(100, 0), false, Reduction.SUM);
        INDArray spikes = LossTestData.spikes(41, 4, 5, 6, 0.5);
        INDArray labels = LossTestData.labels(41, 4, 5);
        INDArray grad = gradient(loss, labels, spikes);
        INDArray counts = spikes.sum(2);
        for (long n = 0; n < 4; n++) {
            for (long c = 0; c < 5; c++) {
                for (long t = 0; t < 6; t++) {
                    if (spikes.getDouble(n, c, t) == 1) {
                        double numeric = numericSpikeDerivative(loss, labels, spikes, n, c, t);
                        assertEquals(-numeric / counts.getDouble(n, c), grad.getDouble(n, c, t),
                                1e-6 * Math.max(1, Math.abs(numeric)));
                    }
                }
            }
        }
    }

    /**
     * CE+ is not a derivative either: dL/ds = (2/T) dL/dz, and the gradient is -(dL/dz)/n, so
     * gradient * n * 2/T = -dL/ds where the label neuron fired, and 0 in samples where it is silent.
     */
    @Test
    void cePlusGradientIsTheRescaledDerivativeAndZeroForSilentLabels() {
        SpikeTimeLoss loss = new CePlusLoss();
        int steps = 6;
        INDArray spikes = LossTestData.spikes(51, 5, 4, steps, 0.5);
        INDArray labels = LossTestData.labels(51, 5, 4);
        int silentLabel = 2;
        int labelOfSample2 = labels.getRow(silentLabel).argMax().getInt(0);
        spikes.slice(silentLabel).getRow(labelOfSample2).assign(0);
        INDArray grad = gradient(loss, labels, spikes);
        INDArray counts = spikes.sum(2);
        for (long n = 0; n < 5; n++) {
            for (long c = 0; c < 4; c++) {
                for (long t = 0; t < steps; t++) {
                    if (spikes.getDouble(n, c, t) != 1) {
                        assertEquals(0.0, grad.getDouble(n, c, t), 0.0);
                    } else if (n == silentLabel) {
                        assertEquals(0.0, grad.getDouble(n, c, t), 0.0, "silent label neuron: no gradient");
                    } else {
                        double numeric = numericSpikeDerivative(loss, labels, spikes, n, c, t);
                        assertEquals(-numeric, grad.getDouble(n, c, t) * counts.getDouble(n, c) * 2 / steps, 1e-8);
                    }
                }
            }
        }
    }
}
