package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write keeps the previous file and leaves no temporary file; errors name the path. */
class AtomicFilesTest {

    @Test
    void replacesOrKeepsTheOldContent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        AtomicFiles.write(f, "old".getBytes());
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("cannot write " + f) && e.getMessage().contains("No space left on device")
                && e.getMessage().contains("previous content is kept"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
        AtomicFiles.write(f, "new".getBytes());
        assertEquals("new", Files.readString(f));
    }

    @Test
    void aFolderInTheWayOrAnEmptyPathIsAnError(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("curves.png"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(folder, new byte[1]));
        assertTrue(e.getMessage().contains(folder + ": it is a folder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.write(Path.of(""), new byte[1]));
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {                      // a device is never replaced by a file (root could)
            e = assertThrows(IOException.class, () -> AtomicFiles.write(devNull, new byte[1]));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
            assertFalse(Files.isRegularFile(devNull));
        }
    }

    @Test
    void leftoversAreRemoved(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".model.zip.123.tmp"), "x");
        Files.writeString(dir.resolve("keep.tmp"), "x");
        AtomicFiles.removeLeftovers(dir);
        assertFalse(Files.exists(dir.resolve(".model.zip.123.tmp")));
        assertTrue(Files.exists(dir.resolve("keep.tmp")));
    }

    @Test
    void reasonNamesThePathAndTheProblem() {
        assertEquals("/x/y: permission denied", AtomicFiles.reason(new AccessDeniedException("/x/y")));
        assertEquals("No space left on device", AtomicFiles.reason(new IOException("No space left on device")));
    }
}
