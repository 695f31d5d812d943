package org.spiketime4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer of SRM spiking neurons, trained by spike-time gradients.
 *
 * <p>Input: spike trains {@code [mb, nIn, T]}, or a static vector {@code [mb, nIn]} used as the
 * current at every step. Spike maps {@code [mb, C, T, H, W]} from a conv or pooling layer are
 * flattened by {@link SpikeMapsToTrainsPreProcessor}, which {@code setInputType} adds. Output: spike
 * trains {@code [mb, nOut, T]}. No bias; the weight is {@code [nOut, nIn]}.
 *
 * <p>Example: {@code DocExamplesTest#readmeExample}.
 */
public class SpikingDense extends SpikingWeightLayer {

    /** For Jackson. */
    protected SpikingDense() {
    }

    /** @param builder the settings */
    protected SpikingDense(SpikingWeightLayer.Builder<?> builder) {
        super(builder);
    }

    @Override
    public long[] weightShape() {
        return new long[]{getNOut(), getNIn()};
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return wire(new SpikingDenseImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkTimeSteps(inputType, layerIndex);
        return SpikeInputType.spikeTrains(getNOut(), getTimeSteps());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn > 0 && !override) {
            return;
        }
        nIn = switch (inputType.getType()) {
            case FF -> ((InputType.InputTypeFeedForward) inputType).getSize();
            case CNNFlat -> ((InputType.InputTypeConvolutionalFlat) inputType).getFlattenedSize();
            case RNN -> SpikeInputType.requireNcw(inputType).getSize();
            case CNN, CNN3D -> inputType.arrayElementsPerExample() / Math.max(1, SpikeInputType.timeSteps(inputType));
        };
    }

    @Override
    protected InputPreProcessor preProcessorFor(InputType inputType) {
        return switch (inputType.getType()) {
            case FF, CNNFlat, RNN -> null;
            case CNN -> {
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
                yield new CnnToFeedForwardPreProcessor(c.getHeight(), c.getWidth(), c.getChannels());
            }
            case CNN3D -> {
                InputType.InputTypeConvolutional3D c = SpikeInputType.requireNcdhw(inputType);
                yield new SpikeMapsToTrainsPreProcessor(c.getChannels(), c.getDepth(), c.getHeight(), c.getWidth());
            }
        };
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return memoryReport(inputType, getOutputType(-1, inputType));
    }

    /** Builder of {@link SpikingDense}. */
    public static class Builder extends SpikingWeightLayer.Builder<Builder> {

        /** A builder with the defaults of {@link SpikingWeightLayer.Builder}. */
        public Builder() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public SpikingDense build() {
            return new SpikingDense(this);
        }
    }
}
