package org.spiketime4j.conformance;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.layers.SpikePooling2D;

/** Checks the {@code pool} kind through the {@link SpikePooling2D} layer. */
final class PoolCaseCheck implements CaseCheck {

    @Override
    public String kind() {
        return "pool";
    }

    @Override
    public void check(ConformanceCase c, Comparison cmp) {
        INDArray input = SpikeLayout.toBatchFirst(c.array("input"));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new SpikePooling2D.Builder().kernelSize(c.integer("kernel")).build())
                .setInputType(SpikeInputType.eventFrames(input.size(3), input.size(4), input.size(1), input.size(2)))
                .build());
        net.init();
        Layer layer = net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(input, mgr);
        cmp.close("output", c.array("output"), SpikeLayout.toTimeMajor(layer.activate(true, mgr)));
        INDArray gradIn = layer.backpropGradient(SpikeLayout.toBatchFirst(c.array("grad_output")), mgr).getSecond();
        cmp.close("grad_input", c.array("grad_input"), SpikeLayout.toTimeMajor(gradIn));
    }
}
