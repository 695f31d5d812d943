package org.spiketime4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The N-MNIST binary event format (Orchard et al., 2015): 5 bytes per event, big-endian bit packing,
 * <pre>
 *   byte 0          x, the column (8 bits)
 *   byte 1          y, the row (8 bits)
 *   byte 2, bit 7   polarity: 1 = ON (brightness rose), 0 = OFF
 *   byte 2 bits 6..0, byte 3, byte 4   timestamp in microseconds (23 bits)
 * </pre>
 * on a 34x34 sensor. The decoder is strict: a file whose length is not a multiple of 5 (a truncated record), a
 * coordinate off the sensor, an empty file, or a timestamp earlier than the previous one is rejected with an
 * {@link IllegalArgumentException} naming the file, the event number and its byte offset. (The official Matlab
 * reader treats a row value of 240 as an ATIS timestamp-overflow marker; with 23-bit timestamps and 0.3 s
 * samples N-MNIST has no need for it, so such a record is reported as off the sensor, not silently reinterpreted.)
 */
public final class NmnistFormat {

    /** Sensor width in pixels. */
    public static final int WIDTH = 34;
    /** Sensor height in pixels. */
    public static final int HEIGHT = 34;
    /** Bytes per event record. */
    public static final int RECORD_BYTES = 5;
    /** The largest timestamp 23 bits hold, in microseconds. */
    public static final int MAX_TIME_US = (1 << 23) - 1;

    private NmnistFormat() {
    }

    /**
     * Reads one sample file.
     *
     * @param file the {@code .bin} file
     * @return its events
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the content is malformed (message names file and byte offset)
     */
    public static EventStream read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * Decodes the content of a sample file.
     *
     * @param bytes the content
     * @param source the file name, for messages
     * @return the events
     * @throws IllegalArgumentException if the content is malformed (message names source and byte offset)
     */
    public static EventStream decode(byte[] bytes, String source) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException(source + ": empty file (0 bytes): a sample holds at least one event"
                    + " (an interrupted write?)");
        }
        int rest = bytes.length % RECORD_BYTES;
        if (rest != 0) {
            int offset = bytes.length - rest;
            throw new IllegalArgumentException(source + ": truncated record at byte offset " + offset + " (event "
                    + offset / RECORD_BYTES + "): " + rest + " byte(s), a record has " + RECORD_BYTES
                    + "; file length " + bytes.length + " is not a multiple of " + RECORD_BYTES);
        }
        int n = bytes.length / RECORD_BYTES;
        int[] x = new int[n];
        int[] y = new int[n];
        boolean[] on = new boolean[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            int o = i * RECORD_BYTES;
            x[i] = bytes[o] & 0xFF;
            y[i] = bytes[o + 1] & 0xFF;
            int b2 = bytes[o + 2] & 0xFF;
            on[i] = (b2 & 0x80) != 0;
            t[i] = ((b2 & 0x7F) << 16) | ((bytes[o + 3] & 0xFF) << 8) | (bytes[o + 4] & 0xFF);
            if (x[i] >= WIDTH || y[i] >= HEIGHT) {
                throw new IllegalArgumentException(source + ": event " + i + " at byte offset " + o
                        + " is off the " + WIDTH + "x" + HEIGHT + " sensor: x=" + x[i] + ", y=" + y[i]
                        + " (allowed 0.." + (WIDTH - 1) + ")");
            }
            if (i > 0 && t[i] < t[i - 1]) {
                throw new IllegalArgumentException(source + ": event " + i + " at byte offset " + o
                        + ": timestamp goes backwards, " + t[i] + " us after " + t[i - 1] + " us");
            }
        }
        return new EventStream(x, y, on, t);
    }

    /**
     * Encodes events in the N-MNIST format.
     *
     * @param events the events (coordinates on the sensor, timestamps within 23 bits)
     * @return the file content
     * @throws IllegalArgumentException if an event does not fit the format
     */
    public static byte[] encode(EventStream events) {
        byte[] out = new byte[events.size() * RECORD_BYTES];
        for (int i = 0; i < events.size(); i++) {
            int x = events.x(i);
            int y = events.y(i);
            int t = events.timeUs(i);
            if (x < 0 || x >= WIDTH || y < 0 || y >= HEIGHT) {
                throw new IllegalArgumentException("event " + i + " is off the sensor: x=" + x + ", y=" + y);
            }
            if (t < 0 || t > MAX_TIME_US) {
                throw new IllegalArgumentException("event " + i + ": timestamp " + t + " us outside 0.."
                        + MAX_TIME_US);
            }
            int o = i * RECORD_BYTES;
            out[o] = (byte) x;
            out[o + 1] = (byte) y;
            out[o + 2] = (byte) ((events.on(i) ? 0x80 : 0) | (t >>> 16));
            out[o + 3] = (byte) (t >>> 8);
            out[o + 4] = (byte) t;
        }
        return out;
    }

    /**
     * Writes events to a file in the N-MNIST format, atomically (a failure leaves no partial file).
     *
     * @param file the file (its folder must exist)
     * @param events the events
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, EventStream events) throws IOException {
        AtomicFiles.write(file, encode(events));
    }
}
