package org.spiketime4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Implementation of {@link SpikingConv2D}: one convolution over all {@code T*mb} time-major images
 * (or over the {@code mb} images of a static input, once), weights {@code [C_out, C_in, kh, kw]}.
 */
public class SpikingConv2DImpl extends SpikingWeightLayerImpl<SpikingConv2D> {

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public SpikingConv2DImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private Conv2DConfig convConfig() {
        SpikingConv2D c = layerConf();
        return Conv2DConfig.builder().kH(c.getKernelSize()[0]).kW(c.getKernelSize()[1])
                .sH(c.getStride()[0]).sW(c.getStride()[1]).pH(c.getPadding()[0]).pW(c.getPadding()[1])
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.YXIO).build();
    }

    @Override
    protected int featureRank() {
        return 3;
    }

    @Override
    protected long kernelArea() {
        int[] k = layerConf().getKernelSize();
        return (long) k[0] * k[1];
    }

    @Override
    protected INDArray current(INDArray rows, INDArray weightHat) {
        return Nd4j.exec(new Conv2D(rows, kernelYxio(weightHat), null, convConfig()))[0];
    }

    private boolean unitStride() {
        int[] s = layerConf().getStride();
        return s[0] == 1 && s[1] == 1;
    }

    /**
     * dL/dW_hat. With stride 1 it is itself a convolution with the roles of batch and channels swapped
     * (the input's channels as images, the samples as input channels, the output gradient as kernel),
     * about twice as fast as conv2d_bp, which also computes an input gradient that is not needed here.
     */
    @Override
    protected INDArray weightGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent) {
        if (!unitStride()) {
            return convBackprop(rows, weightHat, gradCurrent)[1];
        }
        // permuted views, not copies: the convolution reads strided arrays as they are (same floats), and ND4J's
        // permute+dup of these shapes took longer than the convolution itself (weight gradient of the MNIST
        // network's second layer: median 47 -> 6.5 ms on a busy machine)
        INDArray images = rows.permute(1, 0, 2, 3);                          // [C_in, n, h, w]
        INDArray kernel = gradCurrent.permute(2, 3, 0, 1);                   // [oh, ow, n, C_out]
        int[] pad = layerConf().getPadding();
        Conv2DConfig cfg = Conv2DConfig.builder().kH(gradCurrent.size(2)).kW(gradCurrent.size(3)).sH(1).sW(1)
                .pH(pad[0]).pW(pad[1]).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        INDArray perInputChannel = Nd4j.exec(new Conv2D(images, kernel, null, cfg))[0];     // [C_in, C_out, kh, kw]
        return perInputChannel.permute(1, 0, 2, 3).dup('c');
    }

    /**
     * dL/dx: with stride 1 the transposed convolution of the gradient (see {@link #backwardDataApplies}), else
     * conv2d_bp.
     */
    @Override
    protected INDArray inputGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent) {
        if (!unitStride()) {
            return convBackprop(rows, weightHat, gradCurrent)[0];
        }
        int[] k = layerConf().getKernelSize();
        int[] pad = layerConf().getPadding();
        if (backwardDataApplies(rows)) {
            INDArray gradIn = Nd4j.createUninitialized(rows.dataType(), rows.shape());
            Nd4j.exec(DynamicCustomOp.builder("deconv2d_tf")
                    .addInputs(Nd4j.createFromArray(rows.shape()), kernelYxio(weightHat), gradCurrent)   // views as they are
                    .addOutputs(gradIn)
                    .addIntegerArguments(k[0], k[1], 1, 1, pad[0], pad[1], 1, 1, 0, 0)     // VALID mode, NCHW
                    .build());
            return gradIn;
        }
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(k[0]).kW(k[1]).sH(1).sW(1).pH(pad[0]).pW(pad[1])
                .dH(1).dW(1).dataFormat(DeConv2DConfig.NCHW).build();
        return Nd4j.exec(new DeConv2D(gradCurrent, kernelYxio(weightHat), null, cfg))[0];   // reads views as they are
    }

    /**
     * Whether the input gradient runs as ND4J's {@code deconv2d_tf} (TensorFlow's Conv2DBackpropInput) instead of
     * {@code deconv2d}. On the oneDNN build the former is oneDNN's convolution backward-data primitive, the latter its
     * deconvolution primitive: the same floats for the MNIST network's second layer, but the deconvolution reorders
     * the kernel with oneDNN's generic reorder, 0.65-1.3 ms per call for 15 x 40 x 5 x 5 weights against 0.14 ms
     * (the whole call 4.6 -> 3.7 ms alone). ND4J 1.0.0-M2.1's oneDNN deconv2d_tf is wrong for images that are not
     * square (values of 1e37, or a failed primitive descriptor; checked against naive loops in
     * {@code CurrentGradientTest}), so it is taken only for square images, kernels and padding on the CPU backend.
     *
     * @param rows the layer's input rows {@code [R, C_in, h, w]}
     * @return true for deconv2d_tf
     */
    private boolean backwardDataApplies(INDArray rows) {
        int[] k = layerConf().getKernelSize();
        int[] pad = layerConf().getPadding();
        return Nd4j.getEnvironment().isCPU() && k[0] == k[1] && pad[0] == pad[1] && rows.size(2) == rows.size(3);
    }

    /** conv2d_bp: {gradient of the input, gradient of the weight} for a given output gradient. */
    private INDArray[] convBackprop(INDArray rows, INDArray weightHat, INDArray gradOut) {
        Conv2DConfig cfg = convConfig();
        INDArray x = rows.dup('c');
        INDArray kernel = kernelYxio(weightHat);
        INDArray gradIn = x.ulike();
        INDArray gradW = kernel.ulike();
        DynamicCustomOp op = DynamicCustomOp.builder("conv2d_bp")
                .addInputs(x, kernel, gradOut.dup('c'))
                .addOutputs(gradIn, gradW)
                .addIntegerArguments((int) cfg.getKH(), (int) cfg.getKW(), (int) cfg.getSH(), (int) cfg.getSW(),
                        (int) cfg.getPH(), (int) cfg.getPW(), 1, 1, 0, 0, WeightsFormat.YXIO.ordinal())
                .build();
        Nd4j.exec(op);
        return new INDArray[]{gradIn, gradW.permute(3, 2, 0, 1).dup('c')};
    }

    /**
     * The kernel as [kh, kw, C_in, C_out], the layout oneDNN's convolutions take without a transpose
     * (the layer keeps [C_out, C_in, kh, kw]).
     */
    private static INDArray kernelYxio(INDArray weightHat) {
        return weightHat.permute(2, 3, 1, 0).dup('c');
    }
}
