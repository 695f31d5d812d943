package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void handWrittenFileDecodes() throws IOException {
        // magic 00 00 08 02, dims 2 x 3, data 0 1 2 255 254 128
        byte[] bytes = {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 2, (byte) 255, (byte) 254, (byte) 128};
        Path f = dir.resolve("tiny");
        Files.write(f, bytes);
        IdxArray a = IdxReader.read(f);
        assertArrayEquals(new int[] {2, 3}, a.dims());
        int[] values = new int[6];
        for (int i = 0; i < 6; i++) {
            values[i] = a.data()[i] & 0xFF;
        }
        assertArrayEquals(new int[] {0, 1, 2, 255, 254, 128}, values);
        Path g = dir.resolve("tiny.whatever");
        Files.write(g, IdxTestFiles.gzip(bytes));
        assertArrayEquals(a.data(), IdxReader.read(g).data(), "gzip detected by magic bytes, not by name");
    }

    @Test
    void badMagicIsNamed() throws IOException {
        Path f = dir.resolve("bad");
        Files.write(f, new byte[] {1, 2, 8, 1, 0, 0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void unsupportedTypeIsNamed() throws IOException {
        Path f = dir.resolve("float");
        Files.write(f, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("0x0d"), e.getMessage());
    }

    @Test
    void truncatedDataIsNamed() throws IOException {
        byte[] full = IdxTestFiles.idx(new int[] {4, 2, 2}, new byte[16]);
        Path f = dir.resolve("trunc");
        Files.write(f, Arrays.copyOf(full, full.length - 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("truncated data") && e.getMessage().contains("need 16")
                && e.getMessage().contains("has 13"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndTrailingDataAreNamed() throws IOException {
        Path f = dir.resolve("hdr");
        Files.write(f, new byte[] {0, 0, 8, 3, 0, 0, 0, 1});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f)).getMessage()
                .contains("truncated IDX header"));
        Path g = dir.resolve("trail");
        byte[] ok = IdxTestFiles.idx(new int[] {2}, new byte[] {1, 2});
        Files.write(g, Arrays.copyOf(ok, ok.length + 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(g)).getMessage()
                .contains("trailing data"));
    }

    @Test
    void truncatedGzipIsAnIoErrorNamingTheFile() throws IOException {
        byte[] gz = IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {100}, new byte[100]));
        Path f = dir.resolve("cut.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length / 2));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void wrongRankIsNamed() throws IOException {
        Path f = dir.resolve("r1");
        Files.write(f, IdxTestFiles.idx(new int[] {2}, new byte[] {1, 2}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f, 3)).getMessage()
                .contains("expected an IDX file with 3 dimension"));
    }

    @Test
    void countMismatchAndBadLabelAndMissingFile() throws IOException {
        IdxTestFiles.writeSplit(dir, Split.TRAIN, 5, 2, 2, true);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {4}, new byte[4])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.load(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("count mismatch") && e.getMessage().contains("5 images")
                && e.getMessage().contains("4 labels"), e.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {5}, new byte[] {1, 2, 10, 3, 4})));
        e = assertThrows(IllegalArgumentException.class, () -> IdxDataset.load(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("label 10 of example 2"), e.getMessage());
        NoSuchFileException m = assertThrows(NoSuchFileException.class, () -> IdxDataset.load(dir, Split.TEST));
        assertTrue(m.getMessage().contains("t10k-images-idx3-ubyte"), m.getMessage());
    }
}
