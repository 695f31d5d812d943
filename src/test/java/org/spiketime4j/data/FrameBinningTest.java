package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameBinningTest {

    /** 11 events; event i at time TIMES[i], pixel (x=i, y=2i), ON when i is even. */
    static final int[] TIMES = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 1000};

    static EventStream events() {
        int n = TIMES.length;
        int[] x = new int[n];
        int[] y = new int[n];
        boolean[] on = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 2 * i;
            on[i] = i % 2 == 0;
        }
        return new EventStream(x, y, on, TIMES);
    }

    @Test
    void byEventCountCutsFloorChunksAndTheLastTakesTheRest() {
        // E = 11, T = 3: chunks of 3, the last takes 5
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2},
                FrameBinning.BY_EVENT_COUNT.frameOf(events(), 3));
        // E < T: all in the last frame
        assertArrayEquals(new int[] {19, 19, 19, 19, 19, 19, 19, 19, 19, 19, 19},
                FrameBinning.BY_EVENT_COUNT.frameOf(events(), 20));
    }

    @Test
    void byTimeWindowUsesEqualWindows() {
        // span 0..1000 us, T = 4: window 1001/4 us; only the last event reaches the last window
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3},
                FrameBinning.BY_TIME_WINDOW.frameOf(events(), 4));
        // T = 50: window 20.02 us -> floor(t * 50 / 1001)
        int[] expect = new int[TIMES.length];
        for (int i = 0; i < TIMES.length; i++) {
            expect[i] = TIMES[i] * 50 / 1001;
        }
        assertArrayEquals(expect, FrameBinning.BY_TIME_WINDOW.frameOf(events(), 50));
    }

    @Test
    void framesHoldCountsPerPolarityAndPixelInLayoutPTYX() {
        // two events at the same pixel and polarity in the same chunk must count 2, not 1
        EventStream e = new EventStream(new int[] {4, 4, 7, 1}, new int[] {9, 9, 0, 33},
                new boolean[] {true, true, false, false}, new int[] {0, 5, 6, 9});
        float[] f = FrameBinning.BY_EVENT_COUNT.bin(e, 2);
        assertEquals(2 * 2 * 34 * 34, f.length);
        assertEquals(2f, f[index(1, 0, 9, 4)]);
        assertEquals(1f, f[index(0, 1, 0, 7)]);
        assertEquals(1f, f[index(0, 1, 33, 1)]);
        float sum = 0;
        for (float v : f) {
            sum += v;
        }
        assertEquals(4f, sum);
        int[][] counts = FrameBinning.BY_EVENT_COUNT.countsPerFrame(e, 2);
        assertArrayEquals(new int[] {0, 2}, counts[0]);
        assertArrayEquals(new int[] {2, 0}, counts[1]);
    }

    @Test
    void noEventsGiveEmptyFrames() {
        EventStream none = new EventStream(new int[0], new int[0], new boolean[0], new int[0]);
        for (FrameBinning b : FrameBinning.values()) {
            for (float v : b.bin(none, 3)) {
                assertEquals(0f, v);
            }
        }
    }

    private static int index(int p, int t, int y, int x) {
        return ((p * 2 + t) * 34 + y) * 34 + x;
    }
}
