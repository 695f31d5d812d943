package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.loss.LossKind;

/** The preset entry of a model zip: JSON out, JSON in, and v0.1.0's Java-serialized entry decoded by hand. */
class PresetEntryTest {

    /**
     * A model written by f9c63b2's {@code Checkpoint.write(net, "mnist", file)} (the generator is
     * {@code models/MakeLegacy.java.txt}): the network loads as before and gives the output it gave then, and the
     * old entry, a Java-serialized "mnist", names the preset.
     */
    @Test
    void modelSavedByVersion010LoadsWithItsPreset(@TempDir Path dir) throws IOException {
        Path zip = copy("/models/f9c63b2-mnist-tiny.zip", dir.resolve("model.zip"));
        MultiLayerNetwork net = Checkpoint.read(zip);
        INDArray expected;
        try (InputStream in = PresetEntryTest.class.getResourceAsStream("/models/f9c63b2-mnist-tiny-output.npy")) {
            expected = Nd4j.createNpyFromInputStream(in);
        }
        INDArray x = Nd4j.linspace(-1, 3, 2 * 784, DataType.FLOAT).reshape(2, 1, 28, 28);
        assertEquals(expected, net.output(x));
        assertEquals(Presets.MNIST, PresetEntry.read(zip));
        assertEquals("mnist", Checkpoint.presetOf(zip));
    }

    @Test
    void checkpointStoresThePresetAsJsonOnly(@TempDir Path dir) throws IOException {
        Preset changed = Presets.NMNIST.toBuilder().loss(LossKind.KERNEL).epochs(3).batchSize(7)
                .optimiser(Presets.NMNIST.optimiser().toBuilder().learningRate(0.01).build()).build();
        Path zip = dir.resolve("model.zip");
        Checkpoint.write(Checkpoint.read(copy("/models/f9c63b2-mnist-tiny.zip", dir.resolve("old.zip"))), changed, zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertNotNull(z.getEntry(PresetEntry.ENTRY));
            assertTrue(z.stream().noneMatch(e -> e.getName().startsWith("objects/")), "no Java-serialized entry");
        }
        assertEquals(changed, PresetEntry.read(zip));
        assertNotNull(Checkpoint.read(zip));
    }

    @Test
    void everyPresetSurvivesJson() {
        for (Preset p : Presets.all()) {
            assertEquals(p, PresetEntry.fromJson(PresetEntry.toJson(p)));
        }
    }

    /** Set when a {@link Tripwire} is Java-deserialized. */
    private static volatile boolean deserialized;

    /** A serializable class whose deserialization would be noticed. */
    private static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }

    @Test
    void oldEntriesThatAreNotAKnownNameAreIgnoredNeverDeserialized(@TempDir Path dir) throws IOException {
        assertNull(PresetEntry.read(zipWithLegacyEntry(dir.resolve("object.zip"), serialized(new Tripwire()))));
        assertFalse(deserialized, "the entry must not be Java-deserialized");
        assertNull(PresetEntry.read(zipWithLegacyEntry(dir.resolve("unknown.zip"), serialized("cifar"))));
        assertNull(PresetEntry.read(zipWithLegacyEntry(dir.resolve("junk.zip"), new byte[] {1, 2, 3})));
        assertEquals(Presets.NMNIST, PresetEntry.read(zipWithLegacyEntry(dir.resolve("nmnist.zip"),
                serialized("nmnist"))));
        assertEquals("fashion-mnist", PresetEntry.serializedString(serialized("fashion-mnist")));
        byte[] trailing = serialized("mnist");
        assertNull(PresetEntry.serializedString(java.util.Arrays.copyOf(trailing, trailing.length + 1)));
    }

    @Test
    void badJsonIsRejectedNamingTheField() {
        String good = PresetEntry.toJson(Presets.MNIST);
        assertRejected(good.replace("\"batchSize\" : 50", "\"batchSize\" : 0"), "batchSize", ">= 1");
        assertRejected(good.replace("\"batchSize\" : 50", "\"batchSize\" : 2.5"), "batchSize", "integer");
        assertRejected(good.replace("\"epochs\" : 100,", ""), "epochs", "nothing");
        assertRejected(good.replace("\"learningRate\" : 5.0E-4", "\"learningRate\" : -1"), "learningRate", "> 0");
        assertRejected(good.replace("\"count+\"", "\"mse\""), "unknown loss", "'mse'");
        assertRejected(good.replace("\"MNIST\"", "\"CIFAR\""), "dataset", "CIFAR");
        assertRejected(good.replace("\"format\" : 1", "\"format\" : 2"), "format must be 1");
        assertRejected("{ not json", "malformed JSON");
        assertRejected("[]", "JSON object");
    }

    private static void assertRejected(String json, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PresetEntry.fromJson(json),
                json);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
        }
    }

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = PresetEntryTest.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Path zipWithLegacyEntry(Path zip, byte[] entry) throws IOException {
        try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(f)) {
            z.putNextEntry(new ZipEntry(PresetEntry.LEGACY_ENTRY));
            z.write(entry);
            z.closeEntry();
        }
        return zip;
    }
}
