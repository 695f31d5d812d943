package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pooling layer's backward reads the window counts back from the pooled maps its training-mode forward kept
 * (on the CPU's fused path); it must give the floats of the backward that sums the input's windows again, and
 * must not use maps kept for another input.
 */
class SpikePooling2DImplTest {

    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    private final Layer layer = LayerTestSupport.network(DataType.FLOAT, SpikeInputType.eventFrames(24, 24, 3, 5),
            new SpikePooling2D.Builder().kernelSize(2).build()).getLayer(0);

    private static INDArray spikes(long seed) {
        return LayerTestSupport.spikes(new Random(seed), 0.2, 6, 3, 5, 24, 24).castTo(DataType.FLOAT);
    }

    /** The input gradient after a forward pass in the given mode, as c-order floats. */
    private float[] inputGradient(INDArray forwardInput, boolean training, INDArray backwardInput, INDArray grad) {
        layer.setInput(forwardInput, MGR);
        layer.activate(training, MGR);
        layer.setInput(backwardInput, MGR);
        return layer.backpropGradient(grad, MGR).getSecond().dup('c').data().asFloat();
    }

    @Test
    void backwardFromTheKeptPooledMapsGivesTheFloatsOfSummingTheInputAgain() {
        INDArray x = spikes(1);
        INDArray grad = LayerTestSupport.gaussian(new Random(2), 6, 3, 5, 12, 12).castTo(DataType.FLOAT);
        float[] fromKeptMaps = inputGradient(x, true, x, grad);
        float[] fromInput = inputGradient(x, false, x, grad);    // inference keeps nothing
        assertArrayEquals(fromInput, fromKeptMaps);
        double nonZero = 0;
        for (float v : fromKeptMaps) {
            nonZero += v != 0 ? 1 : 0;
        }
        assertTrue(nonZero > 0, "the test must pass gradient through");
    }

    @Test
    void mapsKeptForAnotherInputAreNotUsed() {
        INDArray x = spikes(3);
        INDArray y = spikes(4);
        INDArray grad = LayerTestSupport.gaussian(new Random(5), 6, 3, 5, 12, 12).castTo(DataType.FLOAT);
        assertArrayEquals(inputGradient(y, false, y, grad), inputGradient(x, true, y, grad));
    }
}
