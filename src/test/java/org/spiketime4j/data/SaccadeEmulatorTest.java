package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaccadeEmulatorTest {

    static IdxDataset mnist;
    static final SaccadeEmulator EMULATOR = new SaccadeEmulator(SaccadeConfig.DEFAULT);

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        mnist = IdxDataset.load(Path.of("datasets/mnist"), Split.TEST);
    }

    @Test
    void statisticsLookLikeASaccadeRecording() {
        int n = 20;
        long events = 0;
        long on = 0;
        for (int i = 0; i < n; i++) {
            EventStream e = EMULATOR.emulate(mnist, Split.TEST, i, 1);
            events += e.size();
            on += e.onCount();
            assertTrue(e.size() > 500 && e.size() < 20000, "events in sample " + i + ": " + e.size());
            // all three saccades (105 ms each) produce events
            int[] perSaccade = new int[3];
            for (int k = 0; k < e.size(); k++) {
                perSaccade[Math.min(2, e.timeUs(k) / 105000)]++;
                assertTrue(e.x(k) >= 0 && e.x(k) < 34 && e.y(k) >= 0 && e.y(k) < 34);
            }
            for (int s = 0; s < 3; s++) {
                assertTrue(perSaccade[s] > e.size() / 10, "saccade " + s + " of sample " + i + ": " + perSaccade[s]
                        + " of " + e.size() + " events");
            }
            assertTrue(e.timeUs(e.size() - 1) <= 316000 && e.timeUs(e.size() - 1) > 300000, "span");
        }
        double onFraction = on / (double) events;
        assertTrue(onFraction > 0.4 && onFraction < 0.6, "ON/OFF balance: " + onFraction);
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() {
        EventStream a = EMULATOR.emulate(mnist, Split.TEST, 3, 42);
        assertEquals(a, EMULATOR.emulate(mnist, Split.TEST, 3, 42));
        assertNotEquals(a, EMULATOR.emulate(mnist, Split.TEST, 3, 43));
        assertNotEquals(a, EMULATOR.emulate(mnist, Split.TRAIN, 3, 42), "the split is part of the stream");
    }

    @Test
    void blankImageGivesNoEventsAndTriangleCloses() {
        EventStream none = EMULATOR.emulate(new double[28 * 28], 28, 28, new SplittableRandom(1));
        assertEquals(0, none.size(), "no change in brightness, no events");
        double[] d0 = EMULATOR.displacement(0);
        double[] d3 = EMULATOR.displacement(315000);
        assertEquals(d0[0], d3[0], 1e-9);
        assertEquals(d0[1], d3[1], 1e-9);
        assertEquals(-3.0, d0[1], 1e-9, "starts at the top corner");
        double[] d1 = EMULATOR.displacement(105000);
        assertEquals(3 * Math.cos(Math.toRadians(30)), d1[0], 1e-9, "first saccade ends at the lower right");
        assertEquals(1.5, d1[1], 1e-9);
    }

    @Test
    void writesTheOfficialLayoutThatTheReaderAccepts() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        long total = EMULATOR.writeSplit(mnist, Split.TEST, 12, dir, 7, k -> calls.incrementAndGet());
        assertEquals(12, calls.get());
        try (NmnistDataset d = NmnistDataset.open(dir, Split.TEST)) {
            assertEquals(12, d.size());
            long read = 0;
            for (int i = 0; i < 12; i++) {
                assertEquals(mnist.label(i), d.label(i), "sample order follows the MNIST index");
                EventStream e = d.events(i);
                assertEquals(EMULATOR.emulate(mnist, Split.TEST, i, 7), e);
                read += e.size();
            }
            assertEquals(total, read);
        }
    }
}
