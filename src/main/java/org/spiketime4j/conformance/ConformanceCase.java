package org.spiketime4j.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

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
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON in " + where + ": " + e.getMessage(), e);
        }
        if (node == null || !node.hasNonNull("kind")) {
            throw new IllegalArgumentException(where + " has no \"kind\"");
        }
        return node;
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
        return require(key).asDouble();
    }

    /**
     * @param key a top-level integer key
     * @return its value
     * @throws IllegalArgumentException if the key is missing
     */
    public int integer(String key) {
        return require(key).asInt();
    }

    /**
     * @param key a top-level text key
     * @return its value
     * @throws IllegalArgumentException if the key is missing
     */
    public String text(String key) {
        return require(key).asText();
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
        INDArray a;
        try (InputStream in = source.open(arrayName + ".npy")) {
            a = Nd4j.createNpyFromInputStream(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("case " + name + ": cannot read " + arrayName + ".npy: " + e.getMessage(), e);
        }
        if (a == null) {
            throw new IllegalArgumentException("case " + name + ": " + arrayName + ".npy is not a valid .npy file");
        }
        a = a.castTo(DataType.DOUBLE);
        if (hasArray(arrayName)) {
            JsonNode shape = spec.get("arrays").get(arrayName);
            long[] expected = new long[shape.size()];
            Iterator<JsonNode> it = shape.elements();
            for (int i = 0; it.hasNext(); i++) {
                expected[i] = it.next().asLong();
            }
            if (!java.util.Arrays.equals(expected, a.shape()) && a.length() == product(expected)) {
                a = a.reshape('c', expected);
            } else if (!java.util.Arrays.equals(expected, a.shape())) {
                throw new IllegalArgumentException("case " + name + ": " + arrayName + " has shape "
                        + java.util.Arrays.toString(a.shape()) + ", case.json says " + java.util.Arrays.toString(expected));
            }
        }
        return a;
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long s : shape) {
            p *= s;
        }
        return p;
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
