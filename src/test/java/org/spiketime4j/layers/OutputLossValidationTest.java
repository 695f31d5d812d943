package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.spiketime4j.loss.RateToTimeLoss;
import org.spiketime4j.loss.TargetCounts;

/** SpikingOutputLayer takes time-based losses only, and says so when it is built, naming RateToTimeLoss. */
class OutputLossValidationTest {

    @Test
    void stockLossIsRejectedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpikingOutputLayer.Builder(new LossMCXENT()).nOut(10).build());
        assertTrue(e.getMessage().contains("RateToTimeLoss") && e.getMessage().contains("LossMCXENT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpikingOutputLayer().setLossFn(new LossMCXENT()));
    }

    @Test
    void wrappedStockLossIsAccepted() {
        new SpikingOutputLayer.Builder(new RateToTimeLoss(new LossMCXENT(), new TargetCounts(5, 1))).nOut(10).build();
    }
}
