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
            SpikeTimeLoss loss = k.create(new TargetCounts(5, 1), 3);
            assertEquals(expected.get(k.cliName()), loss.getClass());
            assertEquals(k.cliName(), loss.name());
        }
        assertSame(LossKind.COUNT_PLUS, LossKind.DEFAULT);
    }

    @Test
    void factoryPassesTheSettings() {
        CountingLoss c = (CountingLoss) LossKind.COUNT0.create(new TargetCounts(15, 2), 4);
        assertEquals(new TargetCounts(15, 2), c.targets());
        assertEquals(15, c.getDesiredCount());
        assertEquals(2, c.getUndesiredCount());
        assertEquals(4, ((KernelLoss) LossKind.KERNEL.create(new TargetCounts(15, 2), 4)).getTauSynSteps());
        assertEquals(true, ((CountingLoss) LossKind.COUNT.create(new TargetCounts(15, 2), 4)).isReweightLabel());
    }

    /** The reference sums count, count+, count0, kernel and timing over the batch and averages the others. */
    @Test
    void eachKindHasTheReferenceReduction() {
        Map<LossKind, Reduction> expected = Map.of(LossKind.COUNT, Reduction.SUM, LossKind.COUNT_PLUS, Reduction.SUM,
                LossKind.COUNT0, Reduction.SUM, LossKind.KERNEL, Reduction.SUM, LossKind.TIMING, Reduction.SUM,
                LossKind.TET, Reduction.MEAN, LossKind.CE_PLUS, Reduction.MEAN, LossKind.TTFS, Reduction.MEAN);
        for (LossKind k : LossKind.values()) {
            assertEquals(expected.get(k), k.create(TargetCounts.MNIST, 3).getReduction(), k.cliName());
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossKind.fromName("mse"));
        assertTrue(e.getMessage().contains("'mse'") && e.getMessage().contains("count+")
                && e.getMessage().contains("TTFS"), e.getMessage());
    }
}
