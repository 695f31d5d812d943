package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names and the factory of {@link LossKind}. */
class LossKindTest {

    @Test
    void namesAndClasses() {
        Map<String, Class<?>> expected = Map.of("count", SpikeCountLoss.class, "count+", EnhancedCountLoss.class,
                "count0", BalancedCountLoss.class, "kernel", KernelLoss.class, "TET", TetLoss.class,
                "CE+", CePlusLoss.class, "timing", TimingLoss.class, "TTFS", TtfsLoss.class);
        assertEquals(expected.size(), LossKind.values().length);
        for (LossKind k : LossKind.values()) {
            assertSame(k, LossKind.fromName(k.cliName()));
            assertSame(k, LossKind.fromName(k.cliName().toUpperCase()));
            SpikeTimeLoss loss = k.create(5, 1, 3);
            assertEquals(expected.get(k.cliName()), loss.getClass());
            assertEquals(k.cliName(), loss.name());
        }
        assertSame(LossKind.COUNT_PLUS, LossKind.DEFAULT);
    }

    @Test
    void factoryPassesTheSettings() {
        CountingLoss c = (CountingLoss) LossKind.COUNT0.create(new LossSettings(15, 2, 4, false));
        assertEquals(15, c.getDesiredCount());
        assertEquals(2, c.getUndesiredCount());
        assertEquals(false, c.isReweightLabel());
        assertEquals(4, ((KernelLoss) LossKind.KERNEL.create(15, 2, 4)).getTauSynSteps());
        assertEquals(true, ((CountingLoss) LossKind.COUNT.create(15, 2, 4)).isReweightLabel());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossKind.fromName("mse"));
        assertTrue(e.getMessage().contains("'mse'") && e.getMessage().contains("count+")
                && e.getMessage().contains("TTFS"), e.getMessage());
    }
}
