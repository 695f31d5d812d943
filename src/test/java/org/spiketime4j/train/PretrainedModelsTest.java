package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.data.IdxDataSetIterator;
import org.spiketime4j.data.Split;

/**
 * Loading bundled models, with a tiny model trained here on a class path of its own, and the real bundled MNIST
 * model: it must still classify as its training run measured (99.43 % on all 10,000 test images), so a change
 * to the layers' forward pass that alters its outputs shows here.
 */
class PretrainedModelsTest {

    @Test
    void theBundledMnistModelClassifiesTheFirstThousandTestImages() throws Exception {
        MultiLayerNetwork net = SpikingNetworks.pretrained("mnist");
        org.nd4j.evaluation.classification.Evaluation eval = net.evaluate(
                IdxDataSetIterator.builder(Path.of("datasets", "mnist"), Split.TEST).batchSize(100).limit(1000).build());
        assertTrue(eval.accuracy() >= 0.99, "accuracy on the first 1,000 test images: " + eval.accuracy());
    }

    @Test
    void loadsTheBundledModelAndSaysWhatIsBundledOtherwise(@TempDir Path root) throws Exception {
        MultiLayerNetwork trained = TinyPretrainedModel.write(root);
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader loader = TinyPretrainedModel.loader(root)) {
            thread.setContextClassLoader(loader);
            assertEquals(List.of("mnist"), PretrainedModels.bundled());

            PretrainedModels.Pretrained p = PretrainedModels.load("mnist");
            assertEquals("mnist", p.preset());
            assertEquals(trained.params(), p.network().params(), "the parameters, thresholds included, come back");
            INDArray images = IdxDataSetIterator.builder(Path.of("datasets", "mnist"), Split.TEST).batchSize(20)
                    .limit(20).build().next().getFeatures();
            assertEquals(trained.output(images), SpikingNetworks.pretrained("mnist").output(images));

            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> PretrainedModels.load("cifar10"));
            assertEquals("unknown pretrained model 'cifar10' (names: mnist, fashion-mnist, nmnist; bundled in this "
                    + "build: mnist)", unknown.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> PretrainedModels.load("nmnist"));
            assertTrue(missing.getMessage().startsWith("no pretrained 'nmnist' model is bundled in this build "
                    + "(bundled: mnist; looked for org/spiketime4j/pretrained/nmnist/model.zip"), missing.getMessage());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void aModelFileOfAnotherPresetIsRejected(@TempDir Path root) throws Exception {
        MultiLayerNetwork net = SpikingNetworks.create(Presets.MNIST, 1, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        Checkpoint.write(net, Presets.MNIST, root.resolve(PretrainedModels.RESOURCE_ROOT + "fashion-mnist/model.zip"));
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader loader = TinyPretrainedModel.loader(root)) {
            thread.setContextClassLoader(loader);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PretrainedModels.load("fashion-mnist"));
            assertTrue(e.getMessage().endsWith("was trained with preset 'mnist', not 'fashion-mnist'"), e.getMessage());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }
}
