package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistFormatTest {

    @TempDir
    Path dir;

    /** Three records written byte by byte from the format description. */
    static final byte[] HAND_MADE = {
        // x=3, y=5, ON, t=0x012345 = 74565 us
        3, 5, (byte) (0x80 | 0x01), 0x23, 0x45,
        // x=33, y=0, OFF, t=0x012346 = 74566 us
        33, 0, 0x01, 0x23, 0x46,
        // x=0, y=33, ON, t=0x7FFFFF = 8388607 us
        0, 33, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
    };

    @Test
    void handBuiltRecordsDecodeToKnownEvents() throws IOException {
        Path f = dir.resolve("00001.bin");
        Files.write(f, HAND_MADE);
        EventStream e = NmnistFormat.read(f);
        assertEquals(3, e.size());
        assertEquals(3, e.x(0));
        assertEquals(5, e.y(0));
        assertTrue(e.on(0));
        assertEquals(74565, e.timeUs(0));
        assertEquals(33, e.x(1));
        assertEquals(0, e.y(1));
        assertFalse(e.on(1));
        assertEquals(74566, e.timeUs(1));
        assertEquals(0, e.x(2));
        assertEquals(33, e.y(2));
        assertTrue(e.on(2));
        assertEquals(8388607, e.timeUs(2));
        assertEquals(2, e.onCount());
        assertEquals(8388607 - 74565, e.spanUs());
        assertArrayEquals(HAND_MADE, NmnistFormat.encode(e), "encode is the inverse of decode");
    }

    @Test
    void emptyFileIsRejectedNamingTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NmnistFormat.decode(new byte[0], "Train/3/00007.bin"));
        assertTrue(e.getMessage().startsWith("Train/3/00007.bin: empty file"), e.getMessage());
    }

    @Test
    void truncatedRecordNamesFileAndOffset() {
        byte[] cut = Arrays.copyOf(HAND_MADE, 13);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NmnistFormat.decode(cut, "cut.bin"));
        assertTrue(e.getMessage().startsWith("cut.bin: truncated record at byte offset 10"), e.getMessage());
    }

    @Test
    void offSensorCoordinateNamesFileAndOffset() {
        byte[] b = HAND_MADE.clone();
        b[5] = 34; // x of event 1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmnistFormat.decode(b, "f"));
        assertTrue(e.getMessage().contains("event 1 at byte offset 5") && e.getMessage().contains("x=34"),
                e.getMessage());
        byte[] c = HAND_MADE.clone();
        c[11] = (byte) 240; // y of event 2
        e = assertThrows(IllegalArgumentException.class, () -> NmnistFormat.decode(c, "f"));
        assertTrue(e.getMessage().contains("event 2 at byte offset 10") && e.getMessage().contains("y=240"),
                e.getMessage());
    }

    @Test
    void backwardTimestampNamesFileAndOffset() {
        byte[] b = HAND_MADE.clone();
        b[9] = 0x44; // event 1 now at 74564 us, before event 0
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmnistFormat.decode(b, "g"));
        assertTrue(e.getMessage().contains("event 1 at byte offset 5") && e.getMessage().contains("backwards")
                && e.getMessage().contains("74564 us after 74565 us"), e.getMessage());
    }
}
