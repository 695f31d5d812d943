package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ScheduleType;

/** Infinite and NaN learning rates are rejected where they enter, naming the field. */
class LearningRateValidationTest {

    @Test
    void nonFiniteLearningRatesAreRejected() {
        for (double lr : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1, 0}) {
            String m = assertThrows(IllegalArgumentException.class, () -> new ReferenceAdam(lr)).getMessage();
            assertTrue(m.contains("learningRate") && m.contains("finite"), m);
        }
        assertThrows(IllegalArgumentException.class, () -> new ReferenceAdam(1e-3).setLrAndSchedule(Double.NaN, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CosineSchedule(ScheduleType.EPOCH, Double.POSITIVE_INFINITY, 10));
    }
}
