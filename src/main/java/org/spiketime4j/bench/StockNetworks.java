package org.spiketime4j.bench;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;

/**
 * The stock DL4J network with the shapes of a spiking one, as a yardstick: each spiking conv layer
 * becomes a {@link ConvolutionLayer} (same channels, kernel, stride, padding) with ReLU, each spike
 * pooling an average {@link SubsamplingLayer} (kernel = stride), each spiking dense layer a
 * {@link DenseLayer} with ReLU, and the spiking output layer an {@link OutputLayer} with softmax and
 * multi-class cross-entropy. It runs one step where the spiking network runs T; event frames
 * {@code [mb, C, T, H, W]} are summed over T into one image {@code [mb, C, H, W]}. Optimiser: stock Adam.
 */
public final class StockNetworks {

    private StockNetworks() {
    }

    /**
     * @param spiking   the spiking network's configuration (spiking conv, spike pooling, spiking dense and
     *                  output layers only)
     * @param input     the spiking network's input type: images or event frames
     * @param seed      the weight-initialisation seed
     * @param learnRate Adam's learning rate
     * @return the stock network, initialised
     * @throws IllegalArgumentException for a layer or input type that has no stock counterpart here
     */
    public static MultiLayerNetwork equivalent(MultiLayerConfiguration spiking, InputType input, long seed,
                                               double learnRate) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learnRate))
                .list();
        for (int i = 0; i < spiking.getConfs().size(); i++) {
            list.layer(stockLayer(i, spiking.getConf(i).getLayer()));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(stockInputType(input)).build());
        net.init();
        return net;
    }

    /**
     * @param features the spiking network's input: images {@code [mb, C, H, W]} or event frames
     *                 {@code [mb, C, T, H, W]}
     * @return the stock network's input: the images themselves, or the frames summed over T
     * @throws IllegalArgumentException for another rank
     */
    public static INDArray stockFeatures(INDArray features) {
        return switch (features.rank()) {
            case 4 -> features;
            case 5 -> features.sum(2);
            default -> throw new IllegalArgumentException("expected images [mb, C, H, W] or event frames "
                    + "[mb, C, T, H, W], got shape " + Arrays.toString(features.shape()));
        };
    }

    /**
     * @param stock a stock network
     * @return the simple class name of the accelerated helper (oneDNN, cuDNN) of its first convolution layer,
     *         or "none" when DL4J runs its own im2col + gemm code (or the network has no convolution)
     */
    public static String convolutionHelper(MultiLayerNetwork stock) {
        for (org.deeplearning4j.nn.api.Layer l : stock.getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer c) {
                return c.getHelper() == null ? "none" : c.getHelper().getClass().getSimpleName();
            }
        }
        return "none";
    }

    private static InputType stockInputType(InputType in) {
        if (in instanceof InputType.InputTypeConvolutional) {
            return in;
        }
        if (in instanceof InputType.InputTypeConvolutional3D c) {
            return InputType.convolutional(c.getHeight(), c.getWidth(), c.getChannels());
        }
        throw new IllegalArgumentException("the stock network needs image or event-frame input, the spiking network "
                + "has " + in);
    }

    private static Layer stockLayer(int index, Layer layer) {
        if (layer instanceof SpikingConv2D c) {
            return new ConvolutionLayer.Builder().nOut(c.getNOut()).kernelSize(c.getKernelSize())
                    .stride(c.getStride()).padding(c.getPadding()).activation(Activation.RELU).build();
        }
        if (layer instanceof SpikePooling2D p) {
            return new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(p.getKernelSize(), p.getKernelSize())
                    .stride(p.getKernelSize(), p.getKernelSize()).build();
        }
        if (layer instanceof SpikingOutputLayer o) {
            return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(o.getNOut())
                    .activation(Activation.SOFTMAX).build();
        }
        if (layer instanceof SpikingDense d) {
            return new DenseLayer.Builder().nOut(d.getNOut()).activation(Activation.RELU).build();
        }
        throw new IllegalArgumentException("layer " + index + " (" + layer.getClass().getSimpleName()
                + ") has no stock counterpart (expected SpikingConv2D, SpikePooling2D, SpikingDense or "
                + "SpikingOutputLayer)");
    }
}
