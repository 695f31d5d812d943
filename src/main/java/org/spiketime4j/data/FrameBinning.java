package org.spiketime4j.data;

import java.nio.FloatBuffer;

/**
 * How the events of a sample are cut into T frames. A frame holds, per polarity and pixel, the number of events
 * (not binarised). Frames are laid out {@code [2, T, 34, 34]}: polarity channel first ({@code p = 0} OFF,
 * {@code p = 1} ON), then time, row, column, which is one example of the iterator's {@code [mb, C, T, H, W]}.
 */
public enum FrameBinning {

    /**
     * The paper's binning (ALGORITHM.md section 5): the events, in time order, are cut into T chunks of
     * {@code floor(E / T)} events each, the last chunk also taking the remainder. With fewer events than
     * frames, every event falls into the last frame.
     */
    BY_EVENT_COUNT,

    /**
     * Equal time windows: with {@code t0} the first and {@code t1} the last timestamp, the event at time t falls
     * into frame {@code floor((t - t0) * T / (t1 - t0 + 1))}, so each frame covers {@code (t1 - t0 + 1) / T}
     * microseconds.
     */
    BY_TIME_WINDOW;

    /**
     * The most frames a sample is cut into: one frame per microsecond of the longest N-MNIST sample would be
     * about 350,000, far beyond any use; the limit keeps a mistyped T from allocating gigabytes.
     */
    public static final int MAX_FRAMES = 100_000;

    private static final int PIXELS = NmnistFormat.WIDTH * NmnistFormat.HEIGHT;

    /**
     * The frame of each event.
     *
     * @param events the events, in time order
     * @param frames T, 1..{@link #MAX_FRAMES}
     * @return for each event its frame, 0..T-1
     */
    public int[] frameOf(EventStream events, int frames) {
        checkFrames(frames);
        int n = events.size();
        int[] f = new int[n];
        if (this == BY_EVENT_COUNT) {
            int chunk = n / frames;
            for (int i = 0; i < n; i++) {
                f[i] = chunk == 0 ? frames - 1 : Math.min(i / chunk, frames - 1);
            }
        } else if (n > 0) {
            long t0 = events.timeUs(0);
            long width = events.timeUs(n - 1) - t0 + 1;
            for (int i = 0; i < n; i++) {
                f[i] = (int) ((events.timeUs(i) - t0) * frames / width);
            }
        }
        return f;
    }

    /**
     * @param frames T
     * @throws IllegalArgumentException unless {@code 1 <= frames <= MAX_FRAMES}
     */
    public static void checkFrames(int frames) {
        if (frames < 1 || frames > MAX_FRAMES) {
            throw new IllegalArgumentException("frames (T) must be in 1.." + MAX_FRAMES + ", got " + frames);
        }
    }

    /**
     * Adds one sample's event counts into a buffer laid out {@code [2, T, 34, 34]} (for example the memory of a
     * batch array, so that no intermediate copy is made).
     *
     * @param events the events
     * @param frames T
     * @param dest the buffer
     * @param offset where the sample's {@code 2 * T * 34 * 34} values start
     */
    public void binInto(EventStream events, int frames, FloatBuffer dest, int offset) {
        int[] f = frameOf(events, frames);
        for (int i = 0; i < f.length; i++) {
            int idx = offset + ((events.polarity(i) * frames + f[i]) * NmnistFormat.HEIGHT + events.y(i))
                    * NmnistFormat.WIDTH + events.x(i);
            dest.put(idx, dest.get(idx) + 1f);
        }
    }

    /**
     * One sample's frames.
     *
     * @param events the events
     * @param frames T
     * @return the counts, {@code [2, T, 34, 34]} flattened row-major
     */
    public float[] bin(EventStream events, int frames) {
        checkFrames(frames);
        float[] out = new float[Math.toIntExact(2L * frames * PIXELS)];
        binInto(events, frames, FloatBuffer.wrap(out), 0);
        return out;
    }

    /**
     * The number of events in each frame, per polarity.
     *
     * @param events the events
     * @param frames T
     * @return {@code counts[t][p]}, p = 0 OFF, 1 ON
     */
    public int[][] countsPerFrame(EventStream events, int frames) {
        int[] f = frameOf(events, frames);
        int[][] c = new int[frames][2];
        for (int i = 0; i < f.length; i++) {
            c[f[i]][events.polarity(i)]++;
        }
        return c;
    }
}
