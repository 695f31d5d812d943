package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class NmnistDataSetIteratorTest {

    @TempDir
    Path dir;

    /** Sample k (label k % 10) has k + 1 events at pixel (x = k, y = 1), ON, 1 us apart. */
    private static EventStream sample(int k) {
        int n = k + 1;
        int[] x = new int[n];
        int[] y = new int[n];
        boolean[] on = new boolean[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = k;
            y[i] = 1;
            on[i] = true;
            t[i] = i;
        }
        return new EventStream(x, y, on, t);
    }

    private void writeFolder(Path root, int count) throws IOException {
        for (int k = 0; k < count; k++) {
            Path d = root.resolve("Train").resolve(Integer.toString(k % 10));
            Files.createDirectories(d);
            NmnistFormat.write(d.resolve(String.format("%05d.bin", k)), sample(k));
        }
    }

    @Test
    void folderLayoutGivesShapesCountsAndLabelsInFileNumberOrder() throws IOException {
        writeFolder(dir, 13);
        try (NmnistDataSetIterator it = NmnistDataSetIterator.builder(dir, Split.TRAIN).frames(4).batchSize(5)
                .build()) {
            int k = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                INDArray f = ds.getFeatures();
                assertEquals(DataType.FLOAT, f.dataType());
                int mb = (int) f.size(0);
                assertArrayEquals(new long[] {mb, 2, 4, 34, 34}, f.shape());
                assertArrayEquals(new long[] {mb, 10}, ds.getLabels().shape());
                for (int b = 0; b < mb; b++, k++) {
                    assertEquals(1.0, ds.getLabels().getDouble(b, k % 10));
                    assertEquals(k + 1, f.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b)).sumNumber()
                            .doubleValue(), 1e-9);
                    assertEquals(0.0, f.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(0)).sumNumber().doubleValue(), "no OFF");
                    // the last frame holds floor((k+1)/4) + remainder events at (y=1, x=k)
                    int e = k + 1;
                    int expectLast = e / 4 == 0 ? e : e - 3 * (e / 4);
                    assertEquals(expectLast, f.getDouble(b, 1, 3, 1, k), 1e-9);
                }
            }
            assertEquals(13, k);
        }
    }

    @Test
    void zipFileIsAccepted() throws IOException {
        Path zip = dir.resolve("Test.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int k = 0; k < 4; k++) {
                z.putNextEntry(new ZipEntry("Test/" + (k % 10) + "/" + String.format("%05d.bin", k)));
                z.write(NmnistFormat.encode(sample(k)));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("__MACOSX/Test/0/._00000.bin"));
            z.write(new byte[3]);
            z.closeEntry();
        }
        try (NmnistDataset d = NmnistDataset.open(dir, Split.TEST)) {
            assertEquals(4, d.size());
            assertEquals(3, d.label(3));
            assertEquals(sample(2), d.events(2));
            assertTrue(d.name(2).endsWith("Test.zip!Test/2/00002.bin"), d.name(2));
        }
    }

    @Test
    void shuffleLimitAndDeterminism() throws IOException {
        writeFolder(dir, 30);
        try (NmnistDataSetIterator a = NmnistDataSetIterator.builder(dir, Split.TRAIN).frames(2).batchSize(4)
                .limit(20).shuffle(3).build();
             NmnistDataSetIterator b = NmnistDataSetIterator.builder(dir, Split.TRAIN).frames(2).batchSize(4)
                .limit(20).shuffle(3).build()) {
            assertEquals(20, a.size());
            int n = 0;
            while (a.hasNext()) {
                DataSet x = a.next();
                DataSet y = b.next();
                assertEquals(x.getFeatures(), y.getFeatures());
                assertEquals(x.getLabels(), y.getLabels());
                n += (int) x.getFeatures().size(0);
            }
            assertEquals(20, n);
        }
    }

    @Test
    void malformedSampleNamesTheFile() throws IOException {
        writeFolder(dir, 3);
        Path bad = dir.resolve("Train/1/00001.bin");
        Files.write(bad, new byte[] {1, 2, 3});
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> NmnistDataSetIterator.builder(dir, Split.TRAIN).frames(2).build());
        assertTrue(early.getMessage().contains("00001.bin") && early.getMessage().contains("byte offset 0"),
                early.getMessage());
        try (NmnistDataSetIterator it = NmnistDataSetIterator.builder(dir, Split.TRAIN).frames(2).validate(false)
                .build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, it::next);
            assertTrue(e.getMessage().contains("00001.bin") && e.getMessage().contains("byte offset 0"),
                    e.getMessage());
        }
    }

    @Test
    void missingDataSaysWhatWasLookedFor() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> NmnistDataset.open(dir, Split.TEST));
        assertTrue(e.getMessage().contains("Test.zip"), e.getMessage());
    }
}
