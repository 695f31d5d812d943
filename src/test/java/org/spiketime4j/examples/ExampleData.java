package org.spiketime4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.data.IdxDataset;
import org.spiketime4j.data.Split;

/**
 * The data of the examples in the format of DL4J's stock {@code MnistDataSetIterator}: features {@code [mb, 784]}
 * (pixels / 255, row by row), one-hot labels {@code [mb, 10]}, read from the shipped {@code datasets/mnist} so
 * that no test downloads anything. With the network on the internet, {@code new MnistDataSetIterator(batch, true,
 * seed)} gives the same format.
 */
final class ExampleData {

    private ExampleData() {
    }

    /** @return the spiking version of DL4J's LeNet MNIST example, for flat [mb, 784] features */
    static org.deeplearning4j.nn.conf.MultiLayerConfiguration spikingLeNet() {
        return new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(123)
                .updater(new org.nd4j.linalg.learning.config.Adam(2e-3)).list()
                .layer(new org.spiketime4j.layers.SpikingConv2D.Builder().nOut(4).kernelSize(5).build())
                .layer(new org.spiketime4j.layers.SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new org.spiketime4j.layers.SpikingDense.Builder().nOut(20).build())
                .layer(new org.spiketime4j.layers.SpikingOutputLayer.Builder(
                        org.spiketime4j.loss.LossKind.COUNT_PLUS.create(new org.spiketime4j.loss.TargetCounts(5, 1), 3)).nOut(10).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    /**
     * @param split  train or test
     * @param first  index of the first image
     * @param count  number of images
     * @param batch  batch size
     * @return an iterator over {@code count} images from {@code first}
     */
    static DataSetIterator mnistFlat(Split split, int first, int count, int batch) {
        IdxDataset mnist;
        try {
            mnist = IdxDataset.load(Path.of("datasets", "mnist"), split);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int pixels = mnist.rows() * mnist.cols();
        List<DataSet> examples = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            INDArray x = Nd4j.create(DataType.FLOAT, 1, pixels);
            for (int p = 0; p < pixels; p++) {
                x.putScalar(p, mnist.pixel(i, p / mnist.cols(), p % mnist.cols()) / 255.0);
            }
            INDArray y = Nd4j.zeros(DataType.FLOAT, 1, IdxDataset.NUM_CLASSES);
            y.putScalar(mnist.label(i), 1.0);
            examples.add(new DataSet(x, y));
        }
        return new ListDataSetIterator<>(examples, batch);
    }
}
