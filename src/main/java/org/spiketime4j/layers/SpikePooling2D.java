package org.spiketime4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Average pooling of spike maps {@code [mb, C, T, H, W]} over k x k windows with stride k, with the
 * spike-count-adjusted backward of {@link org.spiketime4j.neuron.AdjustedAveragePooling}.
 *
 * <p>Example: {@code DocExamplesTest#readmeExample}.
 */
public class SpikePooling2D extends PassThroughShapeLayer {

    private int kernelSize = 2;

    /** For Jackson. */
    protected SpikePooling2D() {
    }

    private SpikePooling2D(Builder builder) {
        super(builder);
        this.kernelSize = builder.kernelSize;
    }

    /** @return the window size k (also the stride) */
    public int getKernelSize() {
        return kernelSize;
    }

    /** @param kernelSize the window size k (Jackson) */
    public void setKernelSize(int kernelSize) {
        this.kernelSize = kernelSize;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new SpikePooling2DImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType.getType() != InputType.Type.CNN3D) {
            throw new IllegalArgumentException("layer " + layerIndex + " (SpikePooling2D): expects spike maps "
                    + "[mb, C, T, H, W] from a spiking conv layer, got " + inputType);
        }
        InputType.InputTypeConvolutional3D c = SpikeInputType.requireNcdhw(inputType);
        if (c.getHeight() < kernelSize || c.getWidth() < kernelSize) {
            throw new IllegalArgumentException("layer " + layerIndex + " (SpikePooling2D): kernel " + kernelSize
                    + " is larger than the " + c.getHeight() + "x" + c.getWidth() + " maps");
        }
        return SpikeInputType.eventFrames(c.getHeight() / kernelSize, c.getWidth() / kernelSize, c.getChannels(),
                c.getDepth());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(getLayerName(), SpikePooling2D.class, inputType, out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikePooling2D p && super.equals(o) && p.kernelSize == kernelSize;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + kernelSize;
    }

    /** Builder of {@link SpikePooling2D}: window 2 unless set. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {

        private int kernelSize = 2;

        /** A builder with window 2. */
        public Builder() {
        }

        /**
         * @param k window size and stride, &gt;= 1
         * @return this builder
         */
        public Builder kernelSize(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("kernelSize must be >= 1, got " + k);
            }
            this.kernelSize = k;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SpikePooling2D build() {
            return new SpikePooling2D(this);
        }
    }
}
