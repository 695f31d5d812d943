package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

class IdxDataSetIteratorTest {

    @TempDir
    Path dir;

    @Test
    void shapesValuesAndLabels() throws IOException {
        IdxTestFiles.writeSplit(dir, Split.TEST, 23, 3, 4, false);
        IdxDataSetIterator it = IdxDataSetIterator.builder(dir, Split.TEST).batchSize(10).build();
        List<Integer> sizes = new ArrayList<>();
        int seen = 0;
        while (it.hasNext()) {
            DataSet ds = it.next();
            INDArray f = ds.getFeatures();
            INDArray l = ds.getLabels();
            assertEquals(DataType.FLOAT, f.dataType());
            assertEquals(DataType.FLOAT, l.dataType());
            int mb = (int) f.size(0);
            sizes.add(mb);
            assertArrayEquals(new long[] {mb, 1, 3, 4}, f.shape());
            assertArrayEquals(new long[] {mb, 10}, l.shape());
            for (int b = 0; b < mb; b++) {
                int i = seen + b;
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 4; x++) {
                        double expect = (IdxTestFiles.pixel(i, y * 4 + x) / 255.0 - 0.1307) / 0.3081;
                        assertEquals(expect, f.getDouble(b, 0, y, x), 1e-6);
                    }
                }
                for (int c = 0; c < 10; c++) {
                    assertEquals(c == i % 10 ? 1.0 : 0.0, l.getDouble(b, c));
                }
            }
            seen += mb;
        }
        assertEquals(List.of(10, 10, 3), sizes);
        assertEquals(12, it.inputColumns());
    }

    @Test
    void shuffleIsDeterministicPerSeedAndChangesPerEpoch() throws IOException {
        IdxTestFiles.writeSplit(dir, Split.TRAIN, 40, 2, 2, true);
        IdxDataset data = IdxDataset.load(dir, Split.TRAIN);
        IdxDataSetIterator a = IdxDataSetIterator.builder(data).batchSize(7).limit(30).shuffle(5).build();
        IdxDataSetIterator b = IdxDataSetIterator.builder(data).batchSize(7).limit(30).shuffle(5).build();
        IdxDataSetIterator c = IdxDataSetIterator.builder(data).batchSize(7).limit(30).shuffle(6).build();
        b.reset(); // a reset before any batch must not change the sequence
        int[] e0 = a.order();
        assertArrayEquals(e0, b.order());
        assertFalse(Arrays.equals(e0, c.order()));
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.IntStream.range(0, 30).toArray(), sorted, "limit keeps the first 30");
        while (a.hasNext()) {
            DataSet da = a.next();
            assertEquals(da.getFeatures(), b.next().getFeatures());
        }
        a.reset();
        assertEquals(1, a.epoch());
        assertFalse(Arrays.equals(e0, a.order()), "a new permutation each epoch");
        b.setEpoch(1);
        assertArrayEquals(a.order(), b.order());
    }

    @Test
    void horizontalFlipMirrorsAboutHalfDeterministically() throws IOException {
        IdxTestFiles.writeSplit(dir, Split.TRAIN, 200, 2, 3, false);
        IdxDataset data = IdxDataset.load(dir, Split.TRAIN);
        DataSet plain = IdxDataSetIterator.builder(data).batchSize(200).normalization(ImageNormalization.UNIT)
                .build().next();
        DataSet f1 = IdxDataSetIterator.builder(data).batchSize(200).normalization(ImageNormalization.UNIT)
                .horizontalFlip(9).build().next();
        DataSet f2 = IdxDataSetIterator.builder(data).batchSize(200).normalization(ImageNormalization.UNIT)
                .horizontalFlip(9).build().next();
        assertEquals(f1.getFeatures(), f2.getFeatures());
        int flipped = 0;
        for (int i = 0; i < 200; i++) {
            INDArray p = plain.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i));
            INDArray q = f1.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i));
            boolean same = p.equals(q);
            boolean mirrored = true;
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    mirrored &= p.getDouble(0, y, x) == q.getDouble(0, y, 2 - x);
                }
            }
            assertTrue(same || mirrored, "example " + i + " is either unchanged or mirrored");
            flipped += same ? 0 : 1;
        }
        assertTrue(flipped > 70 && flipped < 130, "about half flipped: " + flipped);
    }

    @Test
    void prefetchGivesTheSameBatches() throws IOException {
        IdxTestFiles.writeSplit(dir, Split.TRAIN, 25, 2, 2, false);
        IdxDataset data = IdxDataset.load(dir, Split.TRAIN);
        IdxDataSetIterator direct = IdxDataSetIterator.builder(data).batchSize(4).shuffle(1).build();
        assertTrue(direct.asyncSupported());
        AsyncDataSetIterator async = IndexedDataSetIterator.prefetch(
                IdxDataSetIterator.builder(data).batchSize(4).shuffle(1).build(), 2);
        try {
            int n = 0;
            while (direct.hasNext()) {
                assertTrue(async.hasNext());
                assertEquals(direct.next().getLabels(), async.next().getLabels());
                n++;
            }
            assertFalse(async.hasNext());
            assertEquals(7, n);
        } finally {
            async.shutdown();
        }
    }

    @Test
    void shippedMnistLoads() throws IOException {
        Path mnist = Path.of("datasets/mnist");
        IdxDataset train = IdxDataset.load(mnist, Split.TRAIN);
        IdxDataset test = IdxDataset.load(mnist, Split.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
        // the well-known class counts of the MNIST training and test sets
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                train.labelHistogram());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.labelHistogram());
        assertEquals(5, train.label(0));
        assertEquals(7, test.label(0));
        DataSet ds = train.dataSet(0, 1);
        assertEquals(-0.1307 / 0.3081, ds.getFeatures().getDouble(0, 0, 0, 0), 1e-6);
        assertNotEquals(0.0, ds.getFeatures().maxNumber().doubleValue());
    }
}
