package org.spiketime4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trained models shipped inside the library jar, in the spirit of DL4J zoo's {@code initPretrained()}: one per
 * preset name, under {@value #RESOURCE_ROOT}{@code <name>/} on the class path, as the {@code model.zip} a
 * {@code spiketime train} run writes ({@link Checkpoint}), with that run's {@code metrics.jsonl} and
 * {@code curves.png} beside it.
 *
 * <p>Example: {@code DocExamplesTest#pretrained}.
 *
 * <p>Models are looked up through the thread's context class loader (this class's when there is none), so an
 * application or a test can put its own on the class path.
 */
public final class PretrainedModels {

    /** The class-path folder of the bundled models. */
    public static final String RESOURCE_ROOT = "org/spiketime4j/pretrained/";

    /** File name of a bundled model inside its folder. */
    public static final String MODEL_FILE = "model.zip";

    /**
     * A loaded pretrained model.
     *
     * @param name    the name it was asked for
     * @param preset  the preset it was trained with (its test data and input shape)
     * @param network the network, ready for inference
     */
    public record Pretrained(String name, String preset, MultiLayerNetwork network) {
    }

    private PretrainedModels() {
    }

    /** @return the names a pretrained model can have: the preset names */
    public static List<String> names() {
        return Presets.all().stream().map(Preset::name).toList();
    }

    /** @return the names whose model is on the class path now */
    public static List<String> bundled() {
        return names().stream().filter(n -> resource(n, MODEL_FILE) != null).toList();
    }

    /**
     * @param name a pretrained model's name
     * @param file a file of its folder ({@value #MODEL_FILE}, {@code metrics.jsonl}, {@code curves.png})
     * @return where the file is on the class path, or null if it is not there
     */
    public static URL resource(String name, String file) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null ? loader : PretrainedModels.class.getClassLoader()).getResource(RESOURCE_ROOT + name + "/" + file);
    }

    /**
     * Loads a bundled model.
     *
     * @param name the model's name (a preset name, for example {@code mnist})
     * @return the model, its preset and its network
     * @throws IllegalArgumentException if the name is unknown or its model is not bundled (the message lists the
     *                                  names that are), or the bundled file is not a valid model
     */
    public static Pretrained load(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown pretrained model '" + name + "' (names: "
                    + String.join(", ", names()) + "; bundled in this build: " + describe(bundled()) + ")");
        }
        URL url = resource(name, MODEL_FILE);
        if (url == null) {
            throw new IllegalArgumentException("no pretrained '" + name + "' model is bundled in this build (bundled: "
                    + describe(bundled()) + "; looked for " + RESOURCE_ROOT + name + "/" + MODEL_FILE
                    + " on the class path); train one with 'spiketime train --preset " + name
                    + "' and pass its model.zip with --model");
        }
        try {
            Path tmp = Files.createTempFile("spiketime-pretrained-" + name, ".zip");
            try {
                try (InputStream in = url.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                String preset = Checkpoint.presetOf(tmp);
                if (!name.equals(preset)) {
                    throw new IllegalArgumentException("pretrained model " + url + " was trained with preset '" + preset
                            + "', not '" + name + "'");
                }
                return new Pretrained(name, preset, Checkpoint.read(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy pretrained model " + url + " out of the class path", e);
        }
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
