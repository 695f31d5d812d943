package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-computed values and invariants of count, count+ and count0. */
class CountingLossTest {

    private static final ActivationIdentity ID = new ActivationIdentity();

    /** One sample, 5 classes, T = 10: the label neuron (0) fires once at t = 3, the others at every step. */
    private static INDArray oneLateLabel() {
        INDArray s = Nd4j.ones(DataType.DOUBLE, 1, 5, 10);
        s.slice(0).getRow(0).assign(0);
        s.putScalar(new long[] {0, 0, 3}, 1.0);
        return s;
    }

    private static final INDArray LABEL0 = Nd4j.eye(5).castTo(DataType.DOUBLE).getRows(0);

    @Test
    void countValueAndReweightedGradientByHand() {
        // n~: label min(1, 5) = 1, others max(10, 1) = 10; delta = (1-5)/10 = -0.4 and (10-1)/10 = 0.9
        // value = (16 + 4 * 81) / 20 = 17; lambda = max(((40 + 1e-5) / (1 + 1e-5)) / 10, 1)
        double lambda = (40 + 1e-5) / (1 + 1e-5) / 10;
        INDArray spikes = oneLateLabel();
        SpikeCountLoss loss = new SpikeCountLoss(new TargetCounts(5, 1));
        assertEquals(17.0, loss.computeScore(LABEL0, spikes, ID, null, false), 1e-12);
        assertEquals(17.0, loss.computeScore(LABEL0, spikes, ID, null, true), 1e-12);
        INDArray g = loss.computeGradient(LABEL0, spikes, ID, null);
        assertEquals(0.4 * lambda, g.getDouble(0, 0, 3), 1e-12);
        assertEquals(0.0, g.getDouble(0, 0, 2), 0.0);
        assertEquals(-0.9, g.getDouble(0, 3, 7), 1e-12);
        INDArray unweighted = new SpikeCountLoss(new TargetCounts(5, 1), false, Reduction.SUM).computeGradient(LABEL0, spikes, ID, null);
        assertEquals(0.4, unweighted.getDouble(0, 0, 3), 1e-12);
    }

    @Test
    void countPlusDividesByTheClampedCount() {
        double lambda = (40 + 1e-5) / (1 + 1e-5) / 10;
        INDArray g = new EnhancedCountLoss(new TargetCounts(5, 1)).computeGradient(LABEL0, oneLateLabel(), ID, null);
        assertEquals(0.4 * lambda / 1, g.getDouble(0, 0, 3), 1e-12);
        assertEquals(-0.9 / 10, g.getDouble(0, 4, 0), 1e-12);
        assertEquals(17.0, new EnhancedCountLoss(new TargetCounts(5, 1)).computeScore(LABEL0, oneLateLabel(), ID, null, false),
                1e-12);
    }

    @Test
    void count0GradientSumsToZeroOverAllOutputSpikes() {
        for (long seed = 0; seed < 5; seed++) {
            INDArray spikes = LossTestData.spikes(seed, 8, 10, 5, 0.3);
            INDArray labels = LossTestData.labels(seed, 8, 10);
            BalancedCountLoss count0 = new BalancedCountLoss(new TargetCounts(5, 1));
            INDArray g = count0.computeGradient(labels, spikes, ID, null);
            assertEquals(0.0, SpikeTimeLoss.summedAtSpikes(g, spikes), 1e-12);
            assertEquals(0.0, g.mul(spikes.rsub(1.0)).norm1Number().doubleValue(), 0.0, "zero off the spikes");
            INDArray plus = new EnhancedCountLoss(new TargetCounts(5, 1)).computeGradient(labels, spikes, ID, null);
            double mean = plus.sumNumber().doubleValue() / spikes.sumNumber().doubleValue();
            assertEquals(0.0, g.sub(plus.sub(spikes.mul(mean))).amaxNumber().doubleValue(), 1e-14,
                    "count0 = count+ minus its mean at the spikes");
        }
    }

    @Test
    void clampedTargetsGiveNoGradient() {
        // label neuron fires 7 > D = 5 times, another neuron fires once (= U), a third never (< U)
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 3, 8);
        spikes.slice(0).getRow(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 8)).assign(1);
        spikes.putScalar(new long[] {0, 1, 4}, 1.0);
        INDArray label = Nd4j.createFromArray(new double[][] {{1, 0, 0}});
        for (CountingLoss loss : new CountingLoss[] {new SpikeCountLoss(new TargetCounts(5, 1)), new EnhancedCountLoss(new TargetCounts(5, 1))}) {
            assertEquals(0.0, loss.computeScore(label, spikes, ID, null, false), 0.0, loss.name());
            INDArray g = loss.computeGradient(label, spikes, ID, null);
            assertEquals(0.0, g.norm1Number().doubleValue(), 0.0, loss.name());
        }
    }

    @Test
    void gradientIsZeroOffTheSpikesAndValueSumsOverTheBatch() {
        INDArray spikes = LossTestData.spikes(7, 6, 10, 5, 0.4);
        INDArray labels = LossTestData.labels(7, 6, 10);
        for (CountingLoss loss : new CountingLoss[] {new SpikeCountLoss(new TargetCounts(5, 1)), new EnhancedCountLoss(new TargetCounts(5, 1))}) {
            INDArray g = loss.computeGradient(labels, spikes, ID, null);
            assertEquals(0.0, g.mul(spikes.rsub(1.0)).norm1Number().doubleValue(), 0.0);
            INDArray perExample = loss.computeScoreArray(labels, spikes, ID, null);
            assertEquals(6, perExample.size(0));
            assertEquals(1, perExample.size(1));
            double total = loss.computeScore(labels, spikes, ID, null, false);
            assertEquals(total, perExample.sumNumber().doubleValue(), 1e-12);
            assertEquals(total / 6, loss.computeScore(labels, spikes, ID, null, true), 1e-12);
            // value by a naive loop
            double naive = 0;
            for (int n = 0; n < 6; n++) {
                for (int c = 0; c < 10; c++) {
                    double count = spikes.slice(n).getRow(c).sumNumber().doubleValue();
                    boolean isLabel = labels.getDouble(n, c) == 1;
                    double clamped = isLabel ? Math.min(count, 5) : Math.max(count, 1);
                    double target = isLabel ? 5 : 1;
                    naive += (clamped - target) * (clamped - target) / (2 * 5);
                }
            }
            assertEquals(naive, total, 1e-12);
        }
    }

    @Test
    void countPlusKeepsTheSummedGradientPositiveWhenTheLabelFiresLittle() {
        INDArray spikes = oneLateLabel();
        double plus = new EnhancedCountLoss(new TargetCounts(5, 1), false, Reduction.SUM).summedSpikeTimeGradient(LABEL0, spikes);
        double plain = new SpikeCountLoss(new TargetCounts(5, 1), false, Reduction.SUM).summedSpikeTimeGradient(LABEL0, spikes);
        assertEquals(0.4 - 4 * 10 * 0.09, plus, 1e-12);
        assertEquals(0.4 - 4 * 10 * 0.9, plain, 1e-12);
        assertTrue(plus > plain);
    }

    @Test
    void floatInputGivesFloatOutputCloseToDouble() {
        INDArray spikes = LossTestData.spikes(3, 4, 10, 5, 0.4);
        INDArray labels = LossTestData.labels(3, 4, 10);
        for (LossKind kind : LossKind.values()) {
            SpikeTimeLoss loss = kind.create(TargetCounts.MNIST, 3);
            INDArray gd = loss.computeGradient(labels, spikes, ID, null);
            INDArray gf = loss.computeGradient(labels.castTo(DataType.FLOAT), spikes.castTo(DataType.FLOAT), ID, null);
            assertEquals(DataType.FLOAT, gf.dataType(), kind.cliName());
            double scale = Math.max(gd.amaxNumber().doubleValue(), 1e-12);
            assertEquals(0.0, gf.castTo(DataType.DOUBLE).sub(gd).amaxNumber().doubleValue() / scale, 1e-5,
                    kind.cliName());
        }
    }
}
