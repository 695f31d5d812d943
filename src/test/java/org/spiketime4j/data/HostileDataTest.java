package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile inputs to the data readers: each ends in a clear error naming the file, never in garbage or a crash. */
class HostileDataTest {

    @TempDir
    Path dir;

    private static final EventStream ONE_EVENT = new EventStream(new int[] {3}, new int[] {4}, new boolean[] {true},
            new int[] {10});

    @Test
    void idxDimensionsWhoseProductOverflowsAreRejected() throws IOException {
        Path f = dir.resolve("huge");
        int m = Integer.MAX_VALUE;
        Files.write(f, IdxTestFiles.idx(new int[] {m, m, m, m, m, m, m, m}, new byte[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": dimensions") && e.getMessage().contains("more elements"),
                e.getMessage());
    }

    @Test
    void anImageFileWithoutImagesIsRejected() throws IOException {
        IdxTestFiles.writeSplit(dir, Split.TRAIN, 0, 65536, 65536, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.load(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("holds no images"), e.getMessage());
    }

    @Test
    void nmnistClassFoldersMustBeDigits() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("Train").resolve("seven"));
        NmnistFormat.write(bad.resolve("00001.bin"), ONE_EVENT);
        NmnistFormat.write(Files.createDirectories(dir.resolve("Train").resolve("7")).resolve("00002.bin"), ONE_EVENT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NmnistDataset.open(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("seven") && e.getMessage().contains("digit"), e.getMessage());
    }

    @Test
    void emptySampleFilesAreRejectedNamingTheFile() throws IOException {
        Path d = Files.createDirectories(dir.resolve("Train").resolve("1"));
        Files.write(d.resolve("00001.bin"), new byte[0]);
        try (NmnistDataset data = NmnistDataset.open(dir, Split.TRAIN)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.validate(1));
            assertTrue(e.getMessage().contains("00001.bin: empty file"), e.getMessage());
        }
    }

    @Test
    void aDamagedZipEntryIsNamed() throws IOException {
        byte[] content = NmnistFormat.encode(new EventStream(new int[200], new int[200], new boolean[200], new int[200]));
        Path zip = dir.resolve("Test.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("Test/4/00001.bin"));
            z.write(content);
            z.closeEntry();
        }
        byte[] bytes = Files.readAllBytes(zip);
        int data = 30 + "Test/4/00001.bin".length();     // local header, then the deflated data
        for (int i = data; i < data + 6; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(zip, bytes);
        try (NmnistDataset d = NmnistDataset.open(dir, Split.TEST)) {
            IOException e = assertThrows(IOException.class, () -> d.events(0));
            assertTrue(e.getMessage().startsWith(zip + "!Test/4/00001.bin: damaged zip entry"), e.getMessage());
        }
    }

    @Test
    void framesAreLimitedAndCountedInLongs() {
        assertThrows(IllegalArgumentException.class, () -> FrameBinning.BY_EVENT_COUNT.frameOf(ONE_EVENT, 1_000_000_000));
        assertThrows(IllegalArgumentException.class, () -> FrameBinning.BY_TIME_WINDOW.bin(ONE_EVENT, 0));
        int[][] c = FrameBinning.BY_TIME_WINDOW.countsPerFrame(ONE_EVENT, FrameBinning.MAX_FRAMES);
        assertEquals(1, Arrays.stream(c).mapToInt(r -> r[0] + r[1]).sum());
    }

    @Test
    void emulatedFilesAreWrittenWithoutTemporaryLeftovers() throws IOException {
        Path f = dir.resolve("00001.bin");
        NmnistFormat.write(f, ONE_EVENT);
        assertEquals(ONE_EVENT, NmnistFormat.read(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
