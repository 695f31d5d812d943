package org.spiketime4j.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.neuron.AdjustedAveragePooling;

/** Implementation of {@link SpikePooling2D}: pools every (sample, channel, step) map in one op. */
public class SpikePooling2DImpl extends AbstractLayer<SpikePooling2D> {

    /** The input of the last training-mode {@link #activate} and its pooled maps, for the backward pass. */
    private INDArray pooledInput;
    private INDArray pooled;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public SpikePooling2DImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Spike maps [mb, C, T, H, W] as time-major maps [T*mb*C, H, W] (free for the spiking layers' outputs). */
    private INDArray maps(INDArray in) {
        if (in.rank() != 5) {
            throw new IllegalArgumentException("layer " + index + " (SpikePooling2D): input must be spike maps "
                    + "[mb, C, T, H, W], got shape " + Arrays.toString(in.shape()));
        }
        return SpikeLayout.toTimeMajor(in).reshape('c', in.size(0) * in.size(1) * in.size(2), in.size(3), in.size(4));
    }

    /** Time-major maps [T*mb*C, h, w] back to [mb, C, T, h, w] (a view). */
    private INDArray unmaps(INDArray maps, INDArray like) {
        return SpikeLayout.toBatchFirst(maps.reshape('c', like.size(2), like.size(0), like.size(1), maps.size(1),
                maps.size(2)));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        // computed in the activations workspace, so that the output stays a view of the time-major maps
        // (leverageTo would copy it to a batch-first buffer, and the next layer would copy it back)
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            INDArray maps = AdjustedAveragePooling.forward(maps(input), layerConf().getKernelSize());
            pooledInput = training ? input : null;
            pooled = training ? maps : null;
            return unmaps(maps.castTo(dataType), input);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        LayerWiring.requireGradient(epsilon, () -> "layer " + index + " (SpikePooling2D)");
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {   // as in activate
            // the counts are read back from the pooled maps of the same input when activate kept them
            int k = layerConf().getKernelSize();
            INDArray gin = pooledInput == input
                    ? AdjustedAveragePooling.backward(maps(input), pooled, maps(epsilon), k)
                    : AdjustedAveragePooling.backward(maps(input), maps(epsilon), k);
            pooledInput = null;
            pooled = null;
            return new Pair<>(new DefaultGradient(), unmaps(gin, input));
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.SUBSAMPLING;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public void clear() {
        super.clear();
        pooledInput = null;
        pooled = null;
    }
}
