package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The rate-to-time conversion, alone and applied to a stock DL4J loss. */
class RateToTimeTest {

    private static final ActivationIdentity ID = new ActivationIdentity();

    @Test
    void countGradientGoesToEverySpikeWithTheSignFlipped() {
        INDArray spikes = Nd4j.createFromArray(new double[][][] {{{0, 1, 1}, {1, 0, 0}}});
        INDArray dLdn = Nd4j.createFromArray(new double[][] {{-0.5, 0.25}});
        INDArray expected = Nd4j.createFromArray(new double[][][] {{{0, 0.5, 0.5}, {-0.25, 0, 0}}});
        assertEquals(expected, RateToTime.fromCountGradient(dLdn, spikes));
        assertEquals(expected.neg(), RateToTime.fromSpikeGradient(expected));
    }

    @Test
    void rejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RateToTime.fromCountGradient(Nd4j.zeros(2, 3), Nd4j.zeros(2, 4, 5)));
        assertEquals(true, e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4, 5]"), e.getMessage());
    }

    /**
     * Stock {@link LossMSE} on counts, converted: per example mean over C of (n - y)^2, gradient 2 (n - y) / C.
     * The hand-written count loss (no re-weighting, clamps inactive: D out of reach, U = 0) has value
     * sum (n - y)^2 / (2T) and gradient -(n - y)/T at each spike: the same up to the factor C / (2T).
     */
    @Test
    void convertedStockMseMatchesTheHandWrittenCountLoss() {
        int classes = 10;
        int steps = 5;
        INDArray spikes = LossTestData.spikes(5, 7, classes, steps, 0.5);
        INDArray labels = LossTestData.labels(5, 7, classes);
        RateToTimeLoss converted = new RateToTimeLoss(new LossMSE(), new TargetCounts(50, 0));
        SpikeCountLoss count = new SpikeCountLoss(new TargetCounts(50, 0), false, Reduction.SUM);
        double factor = classes / (2.0 * steps);
        INDArray gConverted = converted.computeGradient(labels, spikes, ID, null);
        INDArray gCount = count.computeGradient(labels, spikes, ID, null);
        assertEquals(0.0, gConverted.mul(factor).sub(gCount).amaxNumber().doubleValue(), 1e-12);
        assertEquals(count.computeScore(labels, spikes, ID, null, false),
                converted.computeScore(labels, spikes, ID, null, false) * factor, 1e-9);
        assertEquals(0.0, converted.computeScoreArray(labels, spikes, ID, null).mul(factor)
                .sub(count.computeScoreArray(labels, spikes, ID, null)).amaxNumber().doubleValue(), 1e-12);
        assertEquals(DataType.DOUBLE, gConverted.dataType());
    }
}
