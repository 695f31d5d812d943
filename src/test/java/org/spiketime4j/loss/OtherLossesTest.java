package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-computed cases of kernel, TET, CE+, TTFS and timing (the ones in their Javadoc examples among them). */
class OtherLossesTest {

    private static final ActivationIdentity ID = new ActivationIdentity();

    private static INDArray label(int c, int classes) {
        INDArray l = Nd4j.zeros(DataType.DOUBLE, 1, classes);
        l.putScalar(0, c, 1.0);
        return l;
    }

    @Test
    void targetTrains() {
        assertEquals("[0.0, 1.0, 1.0, 1.0, 1.0]", java.util.Arrays.toString(TargetTrains.labelTrain(5)));
        double[] t20 = TargetTrains.labelTrain(20);
        double[] t21 = TargetTrains.labelTrain(21);
        for (int t = 0; t < 20; t++) {
            assertEquals(t % 2, t20[t], 0.0, "T=20 at " + t);
        }
        for (int t = 0; t < 21; t++) {
            assertEquals(t > 0 && t % 2 == 0 ? 1 : 0, t21[t], 0.0, "T=21 at " + t);
        }
    }

    @Test
    void tetOfSilenceIsLnC() {
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
        assertEquals(Math.log(10), new TetLoss().computeScore(label(4, 10), spikes, ID, null, false), 1e-12);
        INDArray g = new TetLoss().computeGradient(label(4, 10), spikes, ID, null);
        assertEquals(-(0.1 - 1) / 5, g.getDouble(0, 4, 2), 1e-12);
        assertEquals(-0.1 / 5, g.getDouble(0, 3, 2), 1e-12);
    }

    @Test
    void cePlusOfEqualCountsIsHalfTLnC() {
        INDArray spikes = Nd4j.ones(DataType.DOUBLE, 1, 10, 5);
        assertEquals(2.5 * Math.log(10), new CePlusLoss().computeScore(label(1, 10), spikes, ID, null, false), 1e-12);
        INDArray g = new CePlusLoss().computeGradient(label(1, 10), spikes, ID, null);
        // dL/dz = 2.5 (p - y), p = 0.1; divided by n = 5, sign flipped
        assertEquals(-2.5 * (0.1 - 1) / 5, g.getDouble(0, 1, 0), 1e-12);
        assertEquals(-2.5 * 0.1 / 5, g.getDouble(0, 7, 4), 1e-12);
    }

    @Test
    void ttfsGradientSitsAtTheFirstSpikeOnly() {
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 3, 5);
        spikes.putScalar(new long[] {0, 0, 2}, 1.0);
        spikes.putScalar(new long[] {0, 0, 4}, 1.0);
        spikes.putScalar(new long[] {0, 1, 0}, 1.0);
        // z = [1 - 2/5, 1 - 0, -3]
        double[] z = {0.6, 1.0, -3};
        double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
        TtfsLoss loss = new TtfsLoss();
        assertEquals(5 * (Math.log(sum) - z[0]), loss.computeScore(label(0, 3), spikes, ID, null, false), 1e-12);
        INDArray g = loss.computeGradient(label(0, 3), spikes, ID, null);
        assertEquals(-5 * (Math.exp(z[0]) / sum - 1), g.getDouble(0, 0, 2), 1e-12);
        assertEquals(-5 * Math.exp(z[1]) / sum, g.getDouble(0, 1, 0), 1e-12);
        assertEquals(2, g.neq(0).castTo(DataType.DOUBLE).sumNumber().intValue(), "only the two first spikes");
    }

    @Test
    void timingByHand() {
        // T = 5, label 0: target times (1-based) 2,3,4,5; output spikes at times 1 and 4 -> slots:
        // k=1: (1-2+.5)/5 < 0 -> 0; k=2: (4-3+.5)/5 = .3; k=3: (6-4+.5)/5 = .5 (missing); k=4: (6-5+.5)/5 = .3;
        // k=5: (6-6+.5)/5 = .1. Wrong neuron 2 fires at time 3: -1/sqrt(3), value 1/(2*3).
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 3, 5);
        spikes.putScalar(new long[] {0, 0, 0}, 1.0);
        spikes.putScalar(new long[] {0, 0, 3}, 1.0);
        spikes.putScalar(new long[] {0, 2, 2}, 1.0);
        TimingLoss loss = new TimingLoss();
        double expected = 0.5 * (0.09 + 0.25 + 0.09 + 0.01) + 1.0 / 6;
        assertEquals(expected, loss.computeScore(label(0, 3), spikes, ID, null, false), 1e-12);
        INDArray g = loss.computeGradient(label(0, 3), spikes, ID, null);
        assertEquals(0.0, g.getDouble(0, 0, 0), 0.0);
        assertEquals(0.3, g.getDouble(0, 0, 3), 1e-12);
        assertEquals(-1 / Math.sqrt(3), g.getDouble(0, 2, 2), 1e-12);
        assertEquals(2, g.neq(0).castTo(DataType.DOUBLE).sumNumber().intValue());
    }

    @Test
    void kernelPushesTheSilentLabelNeuronToFire() {
        INDArray g = new KernelLoss(3, Reduction.SUM).computeGradient(label(2, 10), Nd4j.zeros(DataType.DOUBLE, 1, 10, 5), ID, null);
        assertTrue(g.slice(0).getRow(2).minNumber().doubleValue() > 0, g.toString());
        assertEquals(0.0, g.slice(0).getRow(5).norm1Number().doubleValue(), 0.0);
    }

    /** The summed spike-time gradient is the sum of the gradient over the spike positions. */
    @Test
    void summedSpikeTimeGradientByLoop() {
        INDArray spikes = LossTestData.spikes(9, 3, 10, 5, 0.3);
        INDArray labels = LossTestData.labels(9, 3, 10);
        for (LossKind k : LossKind.values()) {
            SpikeTimeLoss loss = k.create(TargetCounts.MNIST, 3);
            INDArray g = loss.computeGradient(labels, spikes, ID, null);
            double loop = 0;
            for (int n = 0; n < 3; n++) {
                for (int c = 0; c < 10; c++) {
                    for (int t = 0; t < 5; t++) {
                        loop += spikes.getDouble(n, c, t) == 1 ? g.getDouble(n, c, t) : 0;
                    }
                }
            }
            assertEquals(loop, loss.summedSpikeTimeGradient(labels, spikes), 1e-12, k.cliName());
        }
    }

    /** Degenerate but valid shapes (one step, one class, one example) give finite results of the right shape. */
    @Test
    void smallestShapes() {
        for (long[] shape : new long[][] {{1, 1, 1}, {1, 3, 1}, {2, 1, 4}}) {
            INDArray spikes = Nd4j.ones(DataType.DOUBLE, shape);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, shape[0], shape[1]);
            labels.getColumn(0).assign(1);
            for (LossKind k : LossKind.values()) {
                SpikeTimeLoss loss = k.create(TargetCounts.MNIST, 3);
                INDArray g = loss.computeGradient(labels, spikes, ID, null);
                assertEquals(java.util.Arrays.toString(shape), java.util.Arrays.toString(g.shape()), k.cliName());
                assertTrue(Double.isFinite(g.sumNumber().doubleValue()), k.cliName());
                assertTrue(Double.isFinite(loss.computeScore(labels, spikes, ID, null, false)), k.cliName());
            }
        }
    }
}
