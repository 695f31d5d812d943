package org.spiketime4j.train;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * The preset stored inside a model zip, as JSON: the entry {@value #ENTRY}, next to DL4J's
 * {@code configuration.json} and {@code coefficients.bin}. Only JSON is ever read back, field by field into
 * the validated records; nothing in a model file is Java-deserialized.
 *
 * <p>Models written by v0.1.0 (up to f9c63b2) carry the preset's name as a Java-serialized {@code String} in
 * {@value #LEGACY_ENTRY}. That entry is decoded by hand (the fixed bytes of a serialized string, then the
 * name), never by {@code ObjectInputStream}; a known name gives its preset from {@link Presets}, anything else
 * is ignored with a warning, and the model loads without a preset.
 */
public final class PresetEntry {

    /** Name of the JSON entry inside the model zip. */
    public static final String ENTRY = "spiketime-preset.json";

    /** Name of the entry that v0.1.0 wrote with {@code ModelSerializer.addObjectToFile}. */
    public static final String LEGACY_ENTRY = "objects/spiketime-preset";

    /** Version of the JSON layout, written as {@code format}. */
    static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PresetEntry.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A Java-serialized String: stream magic, version 5, TC_STRING, then a two-byte length. */
    private static final byte[] SERIALIZED_STRING = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x74};

    private PresetEntry() {
    }

    /**
     * Adds (or replaces) the preset entry of a zip file, in place.
     *
     * @param zip    a model zip written by {@code ModelSerializer}
     * @param preset the preset to store
     * @throws IOException if the zip cannot be rewritten
     */
    public static void write(Path zip, Preset preset) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toAbsolutePath().toUri()), Map.of())) {
            Files.writeString(fs.getPath(ENTRY), toJson(preset));
        }
    }

    /**
     * Reads the preset stored with a model.
     *
     * @param zip a model zip
     * @return the preset, or null if the zip holds none (or only an old entry that is not a known preset name)
     * @throws IOException              if the zip cannot be read
     * @throws IllegalArgumentException if the JSON entry is not a valid preset, naming the zip and the field
     */
    public static Preset read(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry json = z.getEntry(ENTRY);
            if (json != null) {
                try (InputStream in = z.getInputStream(json)) {
                    return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(zip + ": entry " + ENTRY + " is not a valid preset: "
                            + e.getMessage(), e);
                }
            }
            ZipEntry legacy = z.getEntry(LEGACY_ENTRY);
            if (legacy == null) {
                return null;
            }
            try (InputStream in = z.getInputStream(legacy)) {
                return legacyPreset(zip, in.readNBytes(4096));
            }
        }
    }

    /** Decodes v0.1.0's entry, a Java-serialized preset name, without Java deserialization. */
    private static Preset legacyPreset(Path zip, byte[] bytes) {
        String name = serializedString(bytes);
        if (name != null) {
            for (Preset p : Presets.all()) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
        }
        LOG.warn("{}: entry {} is not the name of a known preset ({}); the model loads without a preset",
                zip, LEGACY_ENTRY, name == null ? "not a serialized string" : "'" + name + "'");
        return null;
    }

    /**
     * @param bytes the entry's bytes
     * @return the string if the bytes are exactly one Java-serialized {@code String}, else null
     */
    static String serializedString(byte[] bytes) {
        int head = SERIALIZED_STRING.length;
        if (bytes.length < head + 2) {
            return null;
        }
        for (int i = 0; i < head; i++) {
            if (bytes[i] != SERIALIZED_STRING[i]) {
                return null;
            }
        }
        int length = ((bytes[head] & 0xFF) << 8) | (bytes[head + 1] & 0xFF);
        if (bytes.length != head + 2 + length) {
            return null;
        }
        try {
            return new DataInputStream(new ByteArrayInputStream(bytes, head, length + 2)).readUTF();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @param preset a preset
     * @return its JSON, every field spelled out
     */
    public static String toJson(Preset preset) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("name", preset.name());
        o.put("dataset", preset.dataset().name());
        o.put("network", preset.network().text());
        ObjectNode n = o.putObject("neuron");
        SrmNeuron neuron = preset.neuron();
        n.put("timeSteps", neuron.timeSteps());
        n.put("tauMemSteps", neuron.tauMemSteps());
        n.put("tauSynSteps", neuron.tauSynSteps());
        n.put("tauGradSteps", neuron.tauGradSteps());
        o.put("loss", preset.loss().cliName());
        ObjectNode t = o.putObject("targets");
        t.put("desiredCount", preset.targets().desiredCount());
        t.put("undesiredCount", preset.targets().undesiredCount());
        ObjectNode opt = o.putObject("optimiser");
        OptimiserSettings os = preset.optimiser();
        opt.put("learningRate", os.learningRate());
        opt.put("weightDecay", os.weightDecay());
        opt.put("weightDecayNorm", os.weightDecayNorm());
        opt.put("gradClipNorm", os.gradClipNorm());
        opt.put("weightClamp", os.weightClamp());
        o.put("epochs", preset.epochs());
        o.put("batchSize", preset.batchSize());
        o.put("avgSpikeInit", preset.avgSpikeInit());
        o.put("horizontalFlip", preset.horizontalFlip());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write preset JSON", e);
        }
    }

    /**
     * @param json a preset's JSON, as {@link #toJson} writes it
     * @return the preset, validated by its records
     * @throws IllegalArgumentException if the JSON is malformed, a field is missing or has the wrong type, or a
     *                                  value is out of range (the message names the field)
     */
    public static Preset fromJson(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        int format = integer(o, "format");
        if (format != FORMAT) {
            throw new IllegalArgumentException("format must be " + FORMAT + ", got " + format);
        }
        JsonNode n = object(o, "neuron");
        JsonNode t = object(o, "targets");
        JsonNode opt = object(o, "optimiser");
        Preset.DatasetKind dataset;
        try {
            dataset = Preset.DatasetKind.valueOf(text(o, "dataset"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset must be one of MNIST, FASHION_MNIST, NMNIST, got '"
                    + text(o, "dataset") + "'");
        }
        return Preset.builder(text(o, "name"), dataset)
                .network(text(o, "network"))
                .neuron(new SrmNeuron(integer(n, "timeSteps"), number(n, "tauMemSteps"), number(n, "tauSynSteps"),
                        number(n, "tauGradSteps")))
                .loss(LossKind.fromName(text(o, "loss")))
                .targets(new TargetCounts(number(t, "desiredCount"), number(t, "undesiredCount")))
                .optimiser(new OptimiserSettings(number(opt, "learningRate"), number(opt, "weightDecay"),
                        number(opt, "weightDecayNorm"), number(opt, "gradClipNorm"), number(opt, "weightClamp")))
                .epochs(integer(o, "epochs"))
                .batchSize(integer(o, "batchSize"))
                .avgSpikeInit(number(o, "avgSpikeInit"))
                .horizontalFlip(field(o, "horizontalFlip", JsonNode::isBoolean, "a boolean").booleanValue())
                .build();
    }

    private interface Check {
        boolean test(JsonNode n);
    }

    private static JsonNode field(JsonNode o, String name, Check check, String expected) {
        JsonNode v = o.get(name);
        if (v == null || !check.test(v)) {
            throw new IllegalArgumentException(name + " must be " + expected + ", got " + (v == null ? "nothing" : v));
        }
        return v;
    }

    private static JsonNode object(JsonNode o, String name) {
        return field(o, name, JsonNode::isObject, "an object");
    }

    private static String text(JsonNode o, String name) {
        return field(o, name, JsonNode::isTextual, "a string").textValue();
    }

    private static double number(JsonNode o, String name) {
        return field(o, name, JsonNode::isNumber, "a number").doubleValue();
    }

    private static int integer(JsonNode o, String name) {
        return field(o, name, v -> v.isIntegralNumber() && v.canConvertToInt(), "an integer").intValue();
    }
}
