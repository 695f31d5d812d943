package org.spiketime4j.layers;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;

/**
 * Base of the parameter-free spiking layers (pooling, rate-to-time): they take spike tensors as they
 * come, so no preprocessor is added, and they have no pretrain parameters.
 */
public abstract class PassThroughShapeLayer extends NoParamLayer {

    /** For Jackson. */
    protected PassThroughShapeLayer() {
    }

    /** @param builder the layer's builder */
    protected PassThroughShapeLayer(Builder<?> builder) {
        super(builder);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }
}
