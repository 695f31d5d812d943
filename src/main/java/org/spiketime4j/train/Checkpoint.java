package org.spiketime4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.spiketime4j.data.AtomicFiles;

/**
 * The model file of a run: a DL4J {@code ModelSerializer} zip (parameters with thresholds, updater
 * state, configuration with epoch and iteration counts) plus the preset as JSON ({@link PresetEntry}). Written
 * to a temporary file and renamed into place, so a killed run never leaves a half-written checkpoint.
 */
public final class Checkpoint {

    private Checkpoint() {
    }

    /**
     * Writes atomically: a failure (full disk, a kill) leaves the previous checkpoint as it was.
     *
     * @param net    the network
     * @param preset the preset, stored as JSON
     * @param file   the destination
     * @throws IOException if writing fails
     */
    public static void write(MultiLayerNetwork net, Preset preset, Path file) throws IOException {
        AtomicFiles.writeFile(file, tmp -> {
            try {
                ModelSerializer.writeModel(net, tmp.toFile(), true);
                PresetEntry.write(tmp, preset);
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /**
     * @param file a model file
     * @return the restored network, with its updater state
     * @throws IllegalArgumentException if the file is missing or not a valid model
     */
    public static MultiLayerNetwork read(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder, not a model file"
                    + (Files.isRegularFile(file.resolve("model.zip")) ? " (did you mean " + file.resolve("model.zip") + "?)" : ""));
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file not found: " + file);
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            throw new IllegalArgumentException("cannot read model " + file + ": not a valid SpikeTime4j/DL4J model zip ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * @param file a model file
     * @return the name of the preset stored with it, or null if there is none or it cannot be read
     */
    public static String presetOf(Path file) {
        try {
            Preset p = PresetEntry.read(file);
            return p == null ? null : p.name();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
