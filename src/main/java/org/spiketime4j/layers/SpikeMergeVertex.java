package org.spiketime4j.layers;

import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * DL4J's {@link MergeVertex} (concatenation along the channel axis) for spike maps {@code [mb, C, T, H, W]}.
 * Stock {@code MergeVertex} of DL4J 1.0.0-M2.1 fails on them twice: {@code getOutputType} describes merged 5D
 * inputs as NDHWC whatever their format (a spiking layer after it rejects them), and {@code doBackward} rejects
 * rank 5 ("Invalid rank during forward pass"). This vertex declares the merged type as spike maps (NCDHW, channels
 * summed) and splits the gradient of 5D maps itself ({@link SpikeMergeVertexImpl}); the forward merge is the stock
 * one. Spike trains {@code [mb, F, T]} merge correctly with the stock vertex.
 *
 * <p>Example: {@code ComputationGraphExampleTest#twoBranchGraphTrains} (a two-branch graph merged by this vertex).
 */
public class SpikeMergeVertex extends MergeVertex {

    /** A vertex merging along the channel axis. */
    public SpikeMergeVertex() {
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        if (vertexInputs.length == 0 || vertexInputs[0].getType() != InputType.Type.CNN3D) {
            return super.getOutputType(layerIndex, vertexInputs);
        }
        InputType.InputTypeConvolutional3D first = SpikeInputType.requireNcdhw(vertexInputs[0]);
        long channels = 0;
        for (InputType t : vertexInputs) {
            if (t.getType() != InputType.Type.CNN3D) {
                throw new IllegalArgumentException("SpikeMergeVertex: all inputs must be spike maps, got " + t);
            }
            InputType.InputTypeConvolutional3D c = SpikeInputType.requireNcdhw(t);
            if (c.getDepth() != first.getDepth() || c.getHeight() != first.getHeight() || c.getWidth() != first.getWidth()) {
                throw new IllegalArgumentException("SpikeMergeVertex: spike maps must agree in T, H and W, got "
                        + first + " and " + t);
            }
            channels += c.getChannels();
        }
        return SpikeInputType.eventFrames(first.getHeight(), first.getWidth(), channels, first.getDepth());
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(org.deeplearning4j.nn.graph.ComputationGraph graph,
            String name, int idx, org.nd4j.linalg.api.ndarray.INDArray paramsView, boolean initializeParams,
            org.nd4j.linalg.api.buffer.DataType networkDatatype) {
        return new SpikeMergeVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public SpikeMergeVertex clone() {
        return new SpikeMergeVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeMergeVertex && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }
}
