package org.spiketime4j.layers;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2D convolutional layer of SRM spiking neurons (no bias), trained by spike-time gradients.
 *
 * <p>Input: spike maps or event frames {@code [mb, C, T, H, W]}, or a static image
 * {@code [mb, C, H, W]} used as the current at every step (computed once); flat images {@code [mb, H*W*C]}
 * with {@code setInputType(InputType.convolutionalFlat(H, W, C))} are reshaped by the
 * {@link FeedForwardToCnnPreProcessor} that {@code setInputType} adds. Output: spike maps
 * {@code [mb, nOut, T, H', W']} with {@code H' = (H + 2 pad - k) / stride + 1}.
 *
 * <p>Example: {@code DocExamplesTest#readmeExample}.
 */
public class SpikingConv2D extends SpikingWeightLayer {

    private int[] kernelSize = {5, 5};
    private int[] stride = {1, 1};
    private int[] padding = {0, 0};

    /** For Jackson. */
    protected SpikingConv2D() {
    }

    private SpikingConv2D(Builder builder) {
        super(builder);
        this.kernelSize = builder.kernelSize.clone();
        this.stride = builder.stride.clone();
        this.padding = builder.padding.clone();
    }

    /** @return kernel height and width */
    public int[] getKernelSize() {
        return kernelSize.clone();
    }

    /** @param kernelSize kernel height and width (Jackson) */
    public void setKernelSize(int[] kernelSize) {
        this.kernelSize = kernelSize.clone();
    }

    /** @return stride along height and width */
    public int[] getStride() {
        return stride.clone();
    }

    /** @param stride stride along height and width (Jackson) */
    public void setStride(int[] stride) {
        this.stride = stride.clone();
    }

    /** @return zero padding along height and width */
    public int[] getPadding() {
        return padding.clone();
    }

    /** @param padding zero padding along height and width (Jackson) */
    public void setPadding(int[] padding) {
        this.padding = padding.clone();
    }

    @Override
    public long[] weightShape() {
        return new long[]{getNOut(), getNIn(), kernelSize[0], kernelSize[1]};
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return wire(new SpikingConv2DImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    private long[] spatial(InputType inputType, int layerIndex) {
        return switch (inputType.getType()) {
            case CNN -> {
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
                yield new long[]{c.getChannels(), c.getHeight(), c.getWidth()};
            }
            case CNNFlat -> {
                InputType.InputTypeConvolutionalFlat c = (InputType.InputTypeConvolutionalFlat) inputType;
                yield new long[]{c.getDepth(), c.getHeight(), c.getWidth()};
            }
            case CNN3D -> {
                InputType.InputTypeConvolutional3D c = SpikeInputType.requireNcdhw(inputType);
                yield new long[]{c.getChannels(), c.getHeight(), c.getWidth()};
            }
            default -> throw new IllegalArgumentException(describe(layerIndex)
                    + ": expects a static image (InputType.convolutional or convolutionalFlat) or spike maps "
                    + "[mb, C, T, H, W] (SpikeInputType.eventFrames), got " + inputType);
        };
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkTimeSteps(inputType, layerIndex);
        long[] chw = spatial(inputType, layerIndex);
        long h = (chw[1] + 2L * padding[0] - kernelSize[0]) / stride[0] + 1;
        long w = (chw[2] + 2L * padding[1] - kernelSize[1]) / stride[1] + 1;
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(describe(layerIndex) + ": kernel " + Arrays.toString(kernelSize)
                    + " with padding " + Arrays.toString(padding) + " does not fit the input " + chw[1] + "x" + chw[2]);
        }
        return SpikeInputType.eventFrames(h, w, getNOut(), getTimeSteps());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = spatial(inputType, -1)[0];
        }
    }

    /**
     * Flat images {@code [mb, H*W*C]} ({@code InputType.convolutionalFlat}, e.g. the stock
     * {@code MnistDataSetIterator}) get a {@link FeedForwardToCnnPreProcessor}, as with stock
     * {@code ConvolutionLayer}; images and spike maps need none.
     */
    @Override
    protected InputPreProcessor preProcessorFor(InputType inputType) {
        if (inputType.getType() == InputType.Type.CNNFlat) {
            InputType.InputTypeConvolutionalFlat c = (InputType.InputTypeConvolutionalFlat) inputType;
            return new FeedForwardToCnnPreProcessor(c.getHeight(), c.getWidth(), c.getDepth());
        }
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return memoryReport(inputType, getOutputType(-1, inputType));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikingConv2D c && super.equals(o) && Arrays.equals(kernelSize, c.kernelSize)
                && Arrays.equals(stride, c.stride) && Arrays.equals(padding, c.padding);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * super.hashCode() + Arrays.hashCode(kernelSize)) + Arrays.hashCode(stride))
                + Arrays.hashCode(padding);
    }

    /** Builder of {@link SpikingConv2D}: kernel 5x5, stride 1, no padding unless set. */
    public static class Builder extends SpikingWeightLayer.Builder<Builder> {

        private int[] kernelSize = {5, 5};
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};

        /** A builder with the defaults. */
        public Builder() {
        }

        /**
         * @param k square kernel size, &gt;= 1
         * @return this builder
         */
        public Builder kernelSize(int k) {
            return kernelSize(k, k);
        }

        /**
         * @param kh kernel height, &gt;= 1
         * @param kw kernel width, &gt;= 1
         * @return this builder
         */
        public Builder kernelSize(int kh, int kw) {
            this.kernelSize = requireAtLeast("kernelSize", 1, kh, kw);
            return this;
        }

        /**
         * @param s stride along both axes, &gt;= 1
         * @return this builder
         */
        public Builder stride(int s) {
            this.stride = requireAtLeast("stride", 1, s, s);
            return this;
        }

        /**
         * @param p zero padding on every side, &gt;= 0
         * @return this builder
         */
        public Builder padding(int p) {
            this.padding = requireAtLeast("padding", 0, p, p);
            return this;
        }

        private static int[] requireAtLeast(String field, int min, int a, int b) {
            if (a < min || b < min) {
                throw new IllegalArgumentException(field + " must be >= " + min + ", got [" + a + ", " + b + "]");
            }
            return new int[]{a, b};
        }

        @Override
        @SuppressWarnings("unchecked")
        public SpikingConv2D build() {
            return new SpikingConv2D(this);
        }
    }
}
