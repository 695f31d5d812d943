package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input gives an IllegalArgumentException naming the loss and the shapes. */
class LossInputValidationTest {

    private static final ActivationIdentity ID = new ActivationIdentity();

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
        }
    }

    @Test
    void everyLossRejectsBadShapesLabelsAndValues() {
        INDArray spikes = LossTestData.spikes(1, 2, 4, 5, 0.5);
        INDArray labels = LossTestData.labels(1, 2, 4);
        for (LossKind kind : LossKind.values()) {
            SpikeTimeLoss loss = kind.create(TargetCounts.MNIST, 3);
            String name = kind.cliName() + " loss";
            assertRejected(() -> loss.computeGradient(Nd4j.zeros(2, 3), spikes, ID, null), name, "[2, 3]", "[2, 4, 5]");
            assertRejected(() -> loss.computeScore(labels, spikes.reshape(2, 20), ID, null, false), name, "[2, 20]");
            INDArray twoHot = labels.dup();
            twoHot.putScalar(1, (labels.getDouble(1, 0) == 1 ? 1 : 0), 1.0);
            assertRejected(() -> loss.computeGradient(twoHot, spikes, ID, null), name, "one-hot", "row 1", "[2, 4]");
            assertRejected(() -> loss.computeGradient(Nd4j.zeros(DataType.DOUBLE, 2, 4), spikes, ID, null),
                    name, "one-hot", "row 0");
            INDArray nanSpikes = spikes.dup();
            nanSpikes.putScalar(new long[] {1, 2, 3}, Double.NaN);
            assertRejected(() -> loss.computeGradient(labels, nanSpikes, ID, null), name, "NaN", "[2, 4, 5]");
            INDArray nanLabels = labels.dup();
            nanLabels.putScalar(0, 0, Double.NaN);
            assertRejected(() -> loss.computeScoreArray(nanLabels, spikes, ID, null), name, "NaN");
            assertRejected(() -> loss.computeGradient(labels, spikes, ID, Nd4j.ones(2, 5)), name, "mask");
            assertRejected(() -> loss.computeGradient(Nd4j.zeros(0, 4), Nd4j.zeros(0, 4, 5), ID, null), name, "empty");
        }
    }

    @Test
    void spikeTimingLossesNeedBinarySpikes() {
        INDArray spikes = LossTestData.spikes(2, 2, 4, 5, 0.5).muli(0.5);
        INDArray labels = LossTestData.labels(2, 2, 4);
        assertRejected(() -> new TimingLoss().computeGradient(labels, spikes, ID, null), "timing loss", "0 or 1");
        assertRejected(() -> new TtfsLoss().computeGradient(labels, spikes, ID, null), "TTFS loss", "0 or 1");
    }

    @Test
    void settingsAreValidated() {
        assertRejected(() -> new TargetCounts(1, 1), "desiredCount", "> undesiredCount", "1.0");
        assertRejected(() -> new TargetCounts(5, -1), "undesiredCount", ">= 0", "-1.0");
        assertRejected(() -> new TargetCounts(Double.NaN, 1), "desiredCount", "NaN");
        assertRejected(() -> new KernelLoss(0.5, Reduction.SUM), "tauSynSteps", ">= 1", "0.5");
        assertRejected(() -> LossKind.KERNEL.create(TargetCounts.MNIST, 0.5), "tauSynSteps", "0.5");
        assertRejected(() -> LossKind.COUNT.create(null, 3), "targets");
        assertRejected(() -> new EnhancedCountLoss(new TargetCounts(2, 3)), "desiredCount");
        assertRejected(() -> new KernelLoss(Double.POSITIVE_INFINITY, Reduction.SUM), "tauSynSteps");
        assertRejected(() -> new RateToTimeLoss(null, new TargetCounts(5, 1)), "countLoss");
    }
}
