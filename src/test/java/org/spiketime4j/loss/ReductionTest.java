package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** {@link Reduction}: hand-computed sums and means, and MEAN = SUM / mb for every loss. */
class ReductionTest {

    private static final ActivationIdentity ID = new ActivationIdentity();

    /**
     * Two examples, every neuron firing at all 5 steps, D = 5, U = 1: the label neuron is on target, each of the
     * 9 others is 4 spikes over, delta = 4/5, value 9 * 0.64 * 5/2 = 14.4 per example; count hands -0.8 to every
     * spike of the others.
     */
    @Test
    void countSumsAndAveragesOverTheBatch() {
        INDArray spikes = Nd4j.ones(DataType.DOUBLE, 2, 10, 5);
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(3, 7);
        SpikeCountLoss sum = new SpikeCountLoss(TargetCounts.MNIST, true, Reduction.SUM);
        SpikeCountLoss mean = new SpikeCountLoss(TargetCounts.MNIST, true, Reduction.MEAN);
        assertEquals(28.8, sum.computeScore(labels, spikes, ID, null, false), 1e-12);
        assertEquals(14.4, mean.computeScore(labels, spikes, ID, null, false), 1e-12);
        assertEquals(-0.8, sum.computeGradient(labels, spikes, ID, null).getDouble(0, 0, 0), 1e-12);
        assertEquals(-0.4, mean.computeGradient(labels, spikes, ID, null).getDouble(0, 0, 0), 1e-12);
        assertEquals(0.0, mean.computeGradient(labels, spikes, ID, null).getDouble(0, 3, 0), 0.0);
    }

    /** TET of silence is ln 10 per example: the reference's mean, or 3 ln 10 summed over three examples. */
    @Test
    void tetAveragesByDefaultAndSumsOnRequest() {
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 3, 10, 5);
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(0, 4, 9);
        assertEquals(Math.log(10), new TetLoss().computeScore(labels, spikes, ID, null, false), 1e-12);
        assertEquals(3 * Math.log(10), new TetLoss(Reduction.SUM).computeScore(labels, spikes, ID, null, false),
                1e-12);
    }

    @Test
    void meanIsTheSumDividedByTheBatchSizeForEveryLoss() {
        int mb = 4;
        INDArray spikes = LossTestData.spikes(5, mb, 6, 7, 0.4);
        INDArray labels = LossTestData.labels(5, mb, 6);
        TargetCounts targets = new TargetCounts(4, 1);
        List<SpikeTimeLoss[]> pairs = List.of(
                new SpikeTimeLoss[] {new SpikeCountLoss(targets, true, Reduction.SUM),
                        new SpikeCountLoss(targets, true, Reduction.MEAN)},
                new SpikeTimeLoss[] {new EnhancedCountLoss(targets, true, Reduction.SUM),
                        new EnhancedCountLoss(targets, true, Reduction.MEAN)},
                new SpikeTimeLoss[] {new BalancedCountLoss(targets, true, Reduction.SUM),
                        new BalancedCountLoss(targets, true, Reduction.MEAN)},
                new SpikeTimeLoss[] {new KernelLoss(3, Reduction.SUM), new KernelLoss(3, Reduction.MEAN)},
                new SpikeTimeLoss[] {new TetLoss(Reduction.SUM), new TetLoss(Reduction.MEAN)},
                new SpikeTimeLoss[] {new CePlusLoss(Reduction.SUM), new CePlusLoss(Reduction.MEAN)},
                new SpikeTimeLoss[] {new TimingLoss(Reduction.SUM), new TimingLoss(Reduction.MEAN)},
                new SpikeTimeLoss[] {new TtfsLoss(Reduction.SUM), new TtfsLoss(Reduction.MEAN)},
                new SpikeTimeLoss[] {new RateToTimeLoss(new LossMSE(), targets, Reduction.SUM),
                        new RateToTimeLoss(new LossMSE(), targets, Reduction.MEAN)});
        for (SpikeTimeLoss[] p : pairs) {
            String name = p[0].toString();
            double sum = p[0].computeScore(labels, spikes, ID, null, false);
            assertEquals(sum / mb, p[1].computeScore(labels, spikes, ID, null, false), 1e-12 * Math.abs(sum), name);
            assertEquals(sum / mb, p[0].computeScore(labels, spikes, ID, null, true), 1e-12 * Math.abs(sum), name);
            INDArray gradSum = p[0].computeGradient(labels, spikes, ID, null);
            INDArray gradMean = p[1].computeGradient(labels, spikes, ID, null);
            assertEquals(0.0, gradSum.div(mb).sub(gradMean).amaxNumber().doubleValue(), 1e-12, name);
            assertEquals(p[0].computeScoreArray(labels, spikes, ID, null).div(mb),
                    p[1].computeScoreArray(labels, spikes, ID, null), name);
        }
    }
}
