package org.spiketime4j.train;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.data.IdxDataSetIterator;
import org.spiketime4j.data.Split;

/** A tiny "pretrained" MNIST model for tests: the mnist preset trained on 100 images, on a class path of its own. */
public final class TinyPretrainedModel {

    private TinyPretrainedModel() {
    }

    /**
     * Trains the model and writes it where a bundled one would lie.
     *
     * @param root the class-path folder to create
     * @return the trained network (as it was written)
     * @throws IOException if writing fails
     */
    public static MultiLayerNetwork write(Path root) throws IOException {
        MultiLayerNetwork net = SpikingNetworks.create(Presets.MNIST, 7, DataType.FLOAT);
        DataSetIterator train = IdxDataSetIterator.builder(Path.of("datasets", "mnist"), Split.TRAIN)
                .batchSize(50).limit(100).shuffle(7).build();
        ThresholdInitializer.run(net, train.next().getFeatures(), ThresholdInitializer.Config.of(0.6));
        train.reset();
        net.fit(train, 1);
        Checkpoint.write(net, Presets.MNIST, root.resolve(PretrainedModels.RESOURCE_ROOT + "mnist/" + PretrainedModels.MODEL_FILE));
        return net;
    }

    /**
     * @param root a folder written by {@link #write}
     * @return a class loader that sees only that folder (no parent: the real bundled models stay invisible)
     * @throws IOException if the folder has no URL
     */
    public static URLClassLoader loader(Path root) throws IOException {
        return new URLClassLoader(new URL[]{root.toUri().toURL()}, null);
    }
}
