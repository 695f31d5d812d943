package org.spiketime4j.data;

import java.util.Arrays;

/**
 * The events of one sample from an event camera, in time order: pixel {@code (x, y)}, polarity (ON when the
 * brightness rose, OFF when it fell) and timestamp in microseconds. Stored as parallel arrays; immutable.
 */
public final class EventStream {

    private final int[] x;
    private final int[] y;
    private final boolean[] on;
    private final int[] timeUs;

    /**
     * @param x the columns
     * @param y the rows
     * @param on the polarities, true for ON
     * @param timeUs the timestamps in microseconds, non-decreasing
     * @throws IllegalArgumentException if the arrays differ in length or the timestamps decrease
     */
    public EventStream(int[] x, int[] y, boolean[] on, int[] timeUs) {
        int n = x.length;
        if (y.length != n || on.length != n || timeUs.length != n) {
            throw new IllegalArgumentException("x, y, on and timeUs must have the same length, got " + n + ", "
                    + y.length + ", " + on.length + ", " + timeUs.length);
        }
        for (int i = 1; i < n; i++) {
            if (timeUs[i] < timeUs[i - 1]) {
                throw new IllegalArgumentException("timestamps must not decrease: event " + i + " at "
                        + timeUs[i] + " us follows " + timeUs[i - 1] + " us");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.on = on.clone();
        this.timeUs = timeUs.clone();
    }

    /** @return the number of events */
    public int size() {
        return x.length;
    }

    /**
     * @param i the event
     * @return its column
     */
    public int x(int i) {
        return x[i];
    }

    /**
     * @param i the event
     * @return its row
     */
    public int y(int i) {
        return y[i];
    }

    /**
     * @param i the event
     * @return true for an ON event (brightness rose)
     */
    public boolean on(int i) {
        return on[i];
    }

    /**
     * @param i the event
     * @return its polarity as the frame channel: 1 for ON, 0 for OFF
     */
    public int polarity(int i) {
        return on[i] ? 1 : 0;
    }

    /**
     * @param i the event
     * @return its timestamp in microseconds
     */
    public int timeUs(int i) {
        return timeUs[i];
    }

    /** @return the number of ON events */
    public int onCount() {
        int c = 0;
        for (boolean b : on) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** @return the time from the first to the last event in microseconds, 0 when there are fewer than 2 */
    public int spanUs() {
        return x.length == 0 ? 0 : timeUs[x.length - 1] - timeUs[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventStream e && Arrays.equals(x, e.x) && Arrays.equals(y, e.y)
                && Arrays.equals(on, e.on) && Arrays.equals(timeUs, e.timeUs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(timeUs) + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "EventStream[" + size() + " events, " + spanUs() + " us]";
    }
}
