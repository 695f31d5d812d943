package org.spiketime4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A labelled image data set held in memory as bytes: an IDX image file ({@code [n, rows, cols]}) with its IDX
 * label file ({@code [n]}, values 0..9), such as MNIST or Fashion-MNIST. 60,000 MNIST images take 47 MB.
 *
 * <p>Example: {@code DocExamplesTest#idxData}.
 */
public final class IdxDataset {

    /** The number of classes: labels are 0..9. */
    public static final int NUM_CLASSES = 10;

    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final int size;
    private final int rows;
    private final int cols;

    private IdxDataset(String name, byte[] pixels, byte[] labels, int size, int rows, int cols) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.size = size;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Loads one split of an IDX folder with the standard file names ({@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-...}), each optionally with {@code .gz}; the names with a dot
     * ({@code train-images.idx3-ubyte}) are accepted too.
     *
     * @param dir the folder
     * @param split which part
     * @return the images and labels
     * @throws IOException if a file is missing or unreadable (message names what was looked for)
     * @throws IllegalArgumentException if a file is malformed or the two files do not match
     */
    public static IdxDataset load(Path dir, Split split) throws IOException {
        return load(findFile(dir, split, "images", 3), findFile(dir, split, "labels", 1));
    }

    /**
     * Loads an image file and its label file.
     *
     * @param imagesFile the IDX file of images, {@code [n, rows, cols]}
     * @param labelsFile the IDX file of labels, {@code [n]}, values 0..9
     * @return the images and labels
     * @throws IOException if a file is unreadable
     * @throws IllegalArgumentException if a file is malformed or the two files do not match
     */
    public static IdxDataset load(Path imagesFile, Path labelsFile) throws IOException {
        IdxArray images = IdxReader.read(imagesFile, 3);
        IdxArray labels = IdxReader.read(labelsFile, 1);
        int n = images.dim(0);
        if (labels.dim(0) != n) {
            throw new IllegalArgumentException("image/label count mismatch: " + imagesFile + " holds " + n
                    + " images, " + labelsFile + " holds " + labels.dim(0) + " labels");
        }
        if (n == 0) {
            throw new IllegalArgumentException(imagesFile + ": holds no images (dimension 0 at byte 4 is 0)");
        }
        if (images.dim(1) == 0 || images.dim(2) == 0) {
            throw new IllegalArgumentException(imagesFile + ": empty image size " + images.dim(1) + "x"
                    + images.dim(2));
        }
        byte[] l = labels.data();
        for (int i = 0; i < n; i++) {
            if ((l[i] & 0xFF) >= NUM_CLASSES) {
                throw new IllegalArgumentException(labelsFile + ": label " + (l[i] & 0xFF) + " of example " + i
                        + " (byte offset " + (8 + i) + ") is out of range 0.." + (NUM_CLASSES - 1));
            }
        }
        return new IdxDataset(imagesFile.toString(), images.data(), l, n, images.dim(1), images.dim(2));
    }

    /**
     * Finds the file of one kind in an IDX folder.
     *
     * @param dir the folder
     * @param split which part
     * @param kind {@code images} or {@code labels}
     * @param rank 3 for images, 1 for labels (the digit in the file name)
     * @return the first existing candidate
     * @throws NoSuchFileException if none exists, listing the names tried
     */
    static Path findFile(Path dir, Split split, String kind, int rank) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such data folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "cannot list the data folder");
        }
        String stem = split.idxPrefix() + "-" + kind;
        List<String> tried = new ArrayList<>();
        for (String base : List.of(stem + "-idx" + rank + "-ubyte", stem + ".idx" + rank + "-ubyte")) {
            for (String suffix : List.of(".gz", "")) {
                Path p = dir.resolve(base + suffix);
                if (Files.isRegularFile(p)) {
                    return p;
                }
                tried.add(base + suffix);
            }
        }
        throw new NoSuchFileException(dir.toString(), null, "no " + split.name().toLowerCase() + " " + kind
                + " file in this folder; looked for " + String.join(", ", tried));
    }

    /** @return the image file this data set came from */
    public String name() {
        return name;
    }

    /** @return the number of examples */
    public int size() {
        return size;
    }

    /** @return the image height in pixels */
    public int rows() {
        return rows;
    }

    /** @return the image width in pixels */
    public int cols() {
        return cols;
    }

    /**
     * @param i the example, 0..size-1
     * @return its label, 0..9
     */
    public int label(int i) {
        return labels[checkIndex(i)];
    }

    /**
     * @param i the example
     * @param y the row
     * @param x the column
     * @return the 8-bit pixel value, 0..255
     */
    public int pixel(int i, int y, int x) {
        if (y < 0 || y >= rows || x < 0 || x >= cols) {
            throw new IndexOutOfBoundsException("pixel (" + y + ", " + x + ") outside " + rows + "x" + cols);
        }
        return pixels[checkIndex(i) * rows * cols + y * cols + x] & 0xFF;
    }

    /** @return the number of examples of each class, indexed by label */
    public int[] labelHistogram() {
        int[] h = new int[NUM_CLASSES];
        for (int i = 0; i < size; i++) {
            h[labels[i]]++;
        }
        return h;
    }

    /**
     * The given examples with the paper's normalisation, unflipped.
     *
     * @param indices the examples, in batch order
     * @return features {@code [n, 1, rows, cols]} and one-hot labels {@code [n, 10]}, float32
     */
    public DataSet dataSet(int... indices) {
        return dataSet(indices, ImageNormalization.PAPER, null);
    }

    /**
     * The given examples as a DataSet.
     *
     * @param indices the examples, in batch order
     * @param normalization how pixels become inputs
     * @param flipped per position in {@code indices}, whether to mirror the image left-right; null for none
     * @return features {@code [n, 1, rows, cols]} (NCHW) and one-hot labels {@code [n, 10]}, float32
     */
    public DataSet dataSet(int[] indices, ImageNormalization normalization, boolean[] flipped) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("no examples requested: indices is empty");
        }
        if (flipped != null && flipped.length != indices.length) {
            throw new IllegalArgumentException("flipped has " + flipped.length + " entries, indices "
                    + indices.length);
        }
        float[] lut = normalization.lookupTable();
        int pixelsPer = rows * cols;
        float[] f = new float[indices.length * pixelsPer];
        float[] l = new float[indices.length * NUM_CLASSES];
        for (int b = 0; b < indices.length; b++) {
            int src = checkIndex(indices[b]) * pixelsPer;
            int dst = b * pixelsPer;
            boolean flip = flipped != null && flipped[b];
            for (int y = 0; y < rows; y++) {
                int rowSrc = src + y * cols;
                int rowDst = dst + y * cols;
                for (int x = 0; x < cols; x++) {
                    f[rowDst + x] = lut[pixels[rowSrc + (flip ? cols - 1 - x : x)] & 0xFF];
                }
            }
            l[b * NUM_CLASSES + labels[indices[b]]] = 1f;
        }
        INDArray features = Nd4j.create(f, new long[] {indices.length, 1, rows, cols}, DataType.FLOAT);
        INDArray oneHot = Nd4j.create(l, new long[] {indices.length, NUM_CLASSES}, DataType.FLOAT);
        return new DataSet(features, oneHot);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " outside 0.." + (size - 1) + " of " + name);
        }
        return i;
    }
}
