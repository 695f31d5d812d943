package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Merging spike maps: the merged type is spike maps with the channels summed; forward concatenates, backward splits. */
class SpikeMergeVertexTest {

    @Test
    void mergedTypeIsSpikeMaps() {
        InputType t = new SpikeMergeVertex().getOutputType(-1, SpikeInputType.eventFrames(6, 5, 2, 4),
                SpikeInputType.eventFrames(6, 5, 3, 4));
        assertEquals(SpikeInputType.eventFrames(6, 5, 5, 4), t);
    }

    @Test
    void forwardConcatenatesChannelsAndBackwardSplitsThem() {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Random r = new Random(1);
        INDArray a = LayerTestSupport.gaussian(r, 2, 2, 4, 3, 3);
        INDArray b = LayerTestSupport.gaussian(r, 2, 3, 4, 3, 3);
        SpikeMergeVertexImpl v = new SpikeMergeVertexImpl(null, "merge", 0, DataType.DOUBLE);
        v.setInputVertices(new org.deeplearning4j.nn.graph.vertex.VertexIndices[]{
                new org.deeplearning4j.nn.graph.vertex.VertexIndices(0, 0),
                new org.deeplearning4j.nn.graph.vertex.VertexIndices(1, 0)});
        v.setInput(0, a, mgr);
        v.setInput(1, b, mgr);
        INDArray merged = v.doForward(true, mgr);
        assertEquals(a, merged.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)));
        assertEquals(b, merged.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5)));
        INDArray eps = LayerTestSupport.gaussian(r, 2, 5, 4, 3, 3);
        v.setEpsilon(eps);
        INDArray[] back = v.doBackward(false, mgr).getSecond();
        assertEquals(eps.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)), back[0]);
        assertEquals(eps.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5)), back[1]);
    }
}
