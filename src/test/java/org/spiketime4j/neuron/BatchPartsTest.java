package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The exchange of batch sums between the two parts of a batch, against hand-computed totals. */
class BatchPartsTest {

    private static final ExecutorService OTHER = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stop() {
        OTHER.shutdownNow();
    }

    @Test
    void outsideAPartTheSumsAreTheBatchs() {
        assertFalse(BatchParts.inPart());
        double[] sums = {1.5, -2};
        assertArrayEquals(sums, BatchParts.wholeBatch(sums));
    }

    @Test
    void bothPartsGetBothPartsTotalsForEveryExchange() throws Exception {
        BatchParts.Exchange exchange = new BatchParts.Exchange();
        Future<double[][]> second = OTHER.submit(() -> BatchParts.run(exchange, 1, () -> new double[][]{
                BatchParts.wholeBatch(10, 20), BatchParts.wholeBatch(0.25)}));
        double[][] first = BatchParts.run(exchange, 0, () -> new double[][]{
                BatchParts.wholeBatch(1, 2), BatchParts.wholeBatch(0.5)});
        double[][] other = second.get(10, TimeUnit.SECONDS);
        assertArrayEquals(new double[]{11, 22}, first[0]);
        assertArrayEquals(new double[]{11, 22}, other[0]);
        assertArrayEquals(new double[]{0.75}, first[1]);
        assertArrayEquals(new double[]{0.75}, other[1]);
        assertFalse(BatchParts.inPart(), "the binding ends with the part");
    }

    @Test
    void aPartWhosePartnerFailedFailsInsteadOfWaiting() throws Exception {
        BatchParts.Exchange early = new BatchParts.Exchange();
        early.abort();                                               // the partner failed before this part arrived
        assertThrows(BatchParts.PartnerFailedException.class,
                () -> BatchParts.run(early, 0, () -> BatchParts.wholeBatch(1)));

        BatchParts.Exchange late = new BatchParts.Exchange();       // ... or while this part waits
        Future<?> waiting = OTHER.submit(() -> BatchParts.run(late, 1, () -> BatchParts.wholeBatch(1)));
        Thread.sleep(100);
        late.abort();
        Exception e = assertThrows(java.util.concurrent.ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof BatchParts.PartnerFailedException, e.toString());
    }

    @Test
    void badUseIsRefused() {
        BatchParts.Exchange exchange = new BatchParts.Exchange();
        assertThrows(IllegalArgumentException.class, () -> BatchParts.run(exchange, 2, () -> null));
        assertThrows(IllegalStateException.class,
                () -> BatchParts.run(exchange, 0, () -> BatchParts.run(exchange, 1, () -> null)));
    }
}
