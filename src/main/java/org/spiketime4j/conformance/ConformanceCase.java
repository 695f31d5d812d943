package org.spiketime4j.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonLocation;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.spiketime4j.data.AtomicFiles;
import org.spiketime4j.data.NpyArray;

/**
 * One conformance case: a folder with {@code case.json} (kind, parameters, array shapes) and one
 * float64 {@code .npy} file per array, in the reference implementation's time-first layout.
 * Cases come from a folder on disk or from the library's bundled resources.
 */
public final class ConformanceCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final JsonNode spec;
    private final ArraySource source;

    /** Reads the named array's bytes. */
    @FunctionalInterface
    interface ArraySource {
        InputStream open(String fileName) throws IOException;
    }

    private ConformanceCase(String name, JsonNode spec, ArraySource source) {
        this.name = name;
        this.spec = spec;
        this.source = source;
    }

    /**
     * Loads a case from a folder holding {@code case.json}.
     *
     * @param dir the case folder
     * @return the case
     * @throws IllegalArgumentException if {@code case.json} is missing or is not valid JSON with a "kind"
     */
    public static ConformanceCase fromDirectory(Path dir) {
        Path json = dir.resolve("case.json");
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("not a conformance case (no case.json): " + dir);
        }
        try (InputStream in = Files.newInputStream(json)) {
            return new ConformanceCase(dir.getFileName().toString(), parse(in, json.toString()),
                    file -> Files.newInputStream(dir.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    /**
     * Loads a case bundled with the library under {@code /conformance/NAME/}.
     *
     * @param caseName the folder name of the bundled case
     * @return the case
     */
    public static ConformanceCase bundled(String caseName) {
        String base = "/conformance/" + caseName + "/";
        ArraySource src = file -> {
            InputStream in = ConformanceCase.class.getResourceAsStream(base + file);
            if (in == null) {
                throw new IOException("bundled conformance file missing: " + base + file);
            }
            return in;
        };
        try (InputStream in = src.open("case.json")) {
            return new ConformanceCase(caseName, parse(in, base + "case.json"), src);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(InputStream in, String where) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(where + ": invalid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                    + " (byte offset " + at.getByteOffset() + ")") + ": " + firstLine(e.getOriginalMessage()), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        if (!node.hasNonNull("kind") || !node.get("kind").isTextual()) {
            throw new IllegalArgumentException(where + " has no \"kind\" text");
        }
        if (node.has("arrays") && !node.get("arrays").isObject()) {
            throw new IllegalArgumentException(where + ": \"arrays\" must be an object of name: shape");
        }
        return node;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** @return the case's folder name */
    public String name() {
        return name;
    }

    /** @return the case's kind, such as {@code dense} or {@code loss} */
    public String kind() {
        return spec.get("kind").asText();
    }

    /** @return the parsed {@code case.json} */
    public JsonNode spec() {
        return spec;
    }

    /**
     * @param key a top-level key of {@code case.json}
     * @return whether the case has that key with a non-null value
     */
    public boolean has(String key) {
        return spec.hasNonNull(key);
    }

    /**
     * @param key a top-level numeric key
     * @return its value
     * @throws IllegalArgumentException if the key is missing
     */
    public double number(String key) {
        JsonNode n = require(key);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("case " + name + ": case.json \"" + key + "\" must be a number, got " + n);
        }
        return n.asDouble();
    }

    /**
     * @param key a top-level integer key
     * @return its value
     * @throws IllegalArgumentException if the key is missing
     */
    public int integer(String key) {
        JsonNode n = require(key);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException("case " + name + ": case.json \"" + key + "\" must be an integer, got " + n);
        }
        return n.asInt();
    }

    /**
     * @param key a top-level text key
     * @return its value
     * @throws IllegalArgumentException if the key is missing
     */
    public String text(String key) {
        JsonNode n = require(key);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("case " + name + ": case.json \"" + key + "\" must be text, got " + n);
        }
        return n.asText();
    }

    /**
     * @param key a top-level boolean key
     * @param fallback the value when the key is absent
     * @return its value
     */
    public boolean flag(String key, boolean fallback) {
        return spec.hasNonNull(key) ? spec.get(key).asBoolean() : fallback;
    }

    private JsonNode require(String key) {
        JsonNode n = spec.get(key);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("case " + name + ": case.json lacks \"" + key + "\"");
        }
        return n;
    }

    /**
     * @param arrayName an array listed under "arrays" in {@code case.json}
     * @return whether the case lists it
     */
    public boolean hasArray(String arrayName) {
        return spec.has("arrays") && spec.get("arrays").has(arrayName);
    }

    /** @return the names listed under "arrays" */
    public Iterable<String> arrayNames() {
        JsonNode arrays = spec.get("arrays");
        return arrays == null ? java.util.List.of() : (Iterable<String>) arrays::fieldNames;
    }

    /**
     * Reads an array as float64 in its stored shape.
     *
     * @param arrayName the array's name (file {@code NAME.npy})
     * @return the array, in double precision
     * @throws IllegalArgumentException if the file is missing or its shape differs from case.json
     */
    public INDArray array(String arrayName) {
        String file = arrayName + ".npy";
        NpyArray a;
        try (InputStream in = source.open(file)) {
            a = NpyArray.read(in, "case " + name + ": " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("case " + name + ": cannot read " + file + ": " + AtomicFiles.reason(e), e);
        }
        if (hasArray(arrayName)) {
            JsonNode shape = spec.get("arrays").get(arrayName);
            if (!shape.isArray()) {
                throw new IllegalArgumentException("case " + name + ": case.json \"arrays\"." + arrayName
                        + " must be a list of dimensions, got " + shape);
            }
            long[] expected = new long[shape.size()];
            Iterator<JsonNode> it = shape.elements();
            for (int i = 0; it.hasNext(); i++) {
                JsonNode d = it.next();
                if (!d.canConvertToLong() || !d.isIntegralNumber()) {
                    throw new IllegalArgumentException("case " + name + ": case.json \"arrays\"." + arrayName
                            + " holds " + d + ", not a dimension");
                }
                expected[i] = d.asLong();
            }
            if (!Arrays.equals(expected, a.shape())) {
                throw new IllegalArgumentException("case " + name + ": " + file + " has shape "
                        + Arrays.toString(a.shape()) + ", case.json says " + Arrays.toString(expected));
            }
        }
        return a.toINDArray();
    }

    @Override
    public String toString() {
        return kind() + " " + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConformanceCase c && c.name.equals(name) && c.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, spec);
    }
}
