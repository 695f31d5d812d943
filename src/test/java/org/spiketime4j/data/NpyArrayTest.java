package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** The pure-Java .npy reader on files built byte by byte here, and on a file ND4J's own writer made. */
class NpyArrayTest {

    /** A version-1 .npy file: magic, version, header padded to 64 bytes with a newline, then the data. */
    static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    private static String rejected(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> NpyArray.parse(bytes, "x.npy")).getMessage();
    }

    @Test
    void readsBigAndLittleEndianFloat64AndFloat32() {
        double[] v = {1.5, -2.25, 3e-7, 1e300, 0, 7};
        assertArrayEquals(v, NpyArray.parse(npy(">f8", false, "(2, 3)", doubles(ByteOrder.BIG_ENDIAN, v)), "b").data());
        NpyArray le = NpyArray.parse(npy("<f8", false, "(2, 3)", doubles(ByteOrder.LITTLE_ENDIAN, v)), "l");
        assertArrayEquals(v, le.data());
        assertArrayEquals(new long[] {2, 3}, le.shape());
        ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(0.5f).putFloat(-4f);
        assertArrayEquals(new double[] {0.5, -4}, NpyArray.parse(npy(">f4", false, "(2,)", f.array()), "f").data());
    }

    @Test
    void readsIntegerAndBoolTypes() {
        assertArrayEquals(new double[] {255, 0, 1}, NpyArray.parse(npy("|u1", false, "(3,)",
                new byte[] {(byte) 255, 0, 1}), "u").data());
        assertArrayEquals(new double[] {-1, 0, 1}, NpyArray.parse(npy("|i1", false, "(3,)",
                new byte[] {-1, 0, 1}), "i").data());
        assertArrayEquals(new double[] {1, 0}, NpyArray.parse(npy("|b1", false, "(2,)", new byte[] {1, 0}), "b").data());
        byte[] longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).putLong(1L << 40).array();
        assertArrayEquals(new double[] {-3, 1L << 40}, NpyArray.parse(npy("<i8", false, "(2,)", longs), "l").data());
    }

    @Test
    void fortranOrderIsTransposedIntoRowMajor() {
        // the 2x3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column
        NpyArray a = NpyArray.parse(npy("<f8", true, "(2, 3)", doubles(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)), "f");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
        // a 2x2x2 array: element (i, j, k) = 100 i + 10 j + k, column-major: i fastest
        double[] f = new double[8];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 2; k++) {
                    f[i + 2 * j + 4 * k] = 100 * i + 10 * j + k;
                }
            }
        }
        assertArrayEquals(new double[] {0, 1, 10, 11, 100, 101, 110, 111},
                NpyArray.parse(npy("<f8", true, "(2, 2, 2)", doubles(ByteOrder.LITTLE_ENDIAN, f)), "f").data());
    }

    @Test
    void truncatedHeaderOnlyAndTrailingBytesAreRejectedWithTheOffset() {
        byte[] full = npy("<f8", false, "(2, 3)", doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
        String m = rejected(Arrays.copyOf(full, full.length - 3));
        assertTrue(m.startsWith("x.npy: truncated data") && m.contains("needs 48 data bytes from byte offset 128")
                && m.contains("the file has 45"), m);
        m = rejected(Arrays.copyOf(full, 128));          // the header only
        assertTrue(m.contains("truncated data") && m.contains("the file has 0"), m);
        m = rejected(Arrays.copyOf(full, full.length + 1));
        assertTrue(m.contains("unexpected trailing data"), m);
        m = rejected(Arrays.copyOf(full, 30));
        assertTrue(m.contains("truncated .npy header") && m.contains("byte offset 30"), m);
        assertTrue(rejected(new byte[] {1, 2, 3}).contains("not a .npy file"));
    }

    @Test
    void unsupportedTypesAreRejectedWithAMessage() {
        assertTrue(rejected(npy("<U5", false, "(1,)", new byte[20])).contains("dtype '<U5' is not supported"));
        assertTrue(rejected(npy("<U2", false, "(2,)", new byte[16])).contains("not supported"), "unicode, not u2");
        assertTrue(rejected(npy("|O", false, "(1,)", new byte[8])).contains("dtype '|O' is not supported"));
        assertTrue(rejected(npy("<c16", false, "(1,)", new byte[16])).contains("not supported"));
        byte[] structured = npy("<f8", false, "(1,)", new byte[8]);
        String text = new String(structured, StandardCharsets.ISO_8859_1).replace("'descr': '<f8'", "'descr': [('a'");
        assertTrue(rejected(text.getBytes(StandardCharsets.ISO_8859_1)).contains("structured dtype"));
        assertTrue(rejected(npy("<f8", false, "(-1,)", new byte[0])).contains("negative dimension"));
    }

    @Test
    void readsWhatNd4jWrites(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), f.toFile());
        NpyArray a = NpyArray.read(f);
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.toINDArray().data().asDouble());
        Files.write(f, new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> NpyArray.read(f));
    }
}
