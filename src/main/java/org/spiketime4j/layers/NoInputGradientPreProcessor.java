package org.spiketime4j.layers;

import java.util.Objects;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The preprocessor in front of a spiking weight layer that computes no input gradient
 * ({@link SpikingWeightLayer.Builder#inputGradient(boolean) inputGradient(false)}): the forward pass is the wrapped
 * preprocessor's; the backward pass passes the layer's absent input gradient (null) on, where the wrapped one (a
 * stock reshape) would fail on it, and hands a gradient that is present to the wrapped one. {@link SpikingWeightLayer#getPreProcessorForInputType} adds it.
 */
public class NoInputGradientPreProcessor implements InputPreProcessor {

    private final InputPreProcessor wrapped;

    /** @param wrapped the preprocessor of the layer's input */
    public NoInputGradientPreProcessor(@JsonProperty("wrapped") InputPreProcessor wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    /** @return the preprocessor of the layer's input */
    public InputPreProcessor getWrapped() {
        return wrapped;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return wrapped.preProcess(input, miniBatchSize, workspaceMgr);
    }

    /**
     * @param output the layer's input gradient: null when the layer computes none
     * @return null for null, else the wrapped preprocessor's backward pass
     */
    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return output == null ? null : wrapped.backprop(output, miniBatchSize, workspaceMgr);
    }

    @Override
    public InputPreProcessor clone() {
        return new NoInputGradientPreProcessor(wrapped.clone());
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return wrapped.getOutputType(inputType);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return wrapped.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }

    /** @return e.g. {@code NoInputGradientPreProcessor(FeedForwardToCnnPreProcessor(...))} */
    @Override
    public String toString() {
        return "NoInputGradientPreProcessor(" + wrapped + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoInputGradientPreProcessor p && p.wrapped.equals(wrapped);
    }

    @Override
    public int hashCode() {
        return 31 * wrapped.hashCode() + 1;
    }
}
