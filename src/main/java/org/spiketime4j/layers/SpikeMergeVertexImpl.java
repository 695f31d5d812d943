package org.spiketime4j.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.MergeVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Implementation of {@link SpikeMergeVertex}: the stock merge, plus the backward pass of rank-5 spike maps, which
 * stock {@code MergeVertex.doBackward} of DL4J 1.0.0-M2.1 rejects ("Invalid rank"): the gradient is split along
 * the channel axis in the inputs' channel counts.
 */
public class SpikeMergeVertexImpl extends MergeVertex {

    private long[] channels;

    /**
     * @param graph       the graph
     * @param name        the vertex name
     * @param vertexIndex the vertex index
     * @param dataType    the network's data type
     */
    public SpikeMergeVertexImpl(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, dataType, 1);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        channels = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            channels[i] = inputs[i].size(1);
        }
        return super.doForward(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (epsilon == null || epsilon.rank() != 5) {
            return super.doBackward(tbptt, workspaceMgr);
        }
        INDArray[] out = new INDArray[channels.length];
        long from = 0;
        for (int i = 0; i < channels.length; i++) {
            INDArray part = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + channels[i]),
                    NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            out[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, part);
            from += channels[i];
        }
        return new Pair<>(null, out);
    }
}
