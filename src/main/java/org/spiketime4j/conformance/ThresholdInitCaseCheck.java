package org.spiketime4j.conformance;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.ThresholdInitializer;

/** Checks the {@code threshold_init} kind: a one-layer dense network initialised by {@link ThresholdInitializer}. */
final class ThresholdInitCaseCheck implements CaseCheck {

    @Override
    public String kind() {
        return "threshold_init";
    }

    @Override
    public void check(ConformanceCase c, Comparison cmp) {
        SrmNeuron neuron = LayerCaseCheck.neuronOf(c);
        INDArray weight = c.array("weight_raw");
        INDArray input = SpikeLayout.toBatchFirst(c.array("input"));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new SpikingDense.Builder().nOut(weight.size(0)).neuron(neuron)
                        .thresholdInit(c.number("threshold_before")).build())
                .setInputType(SpikeInputType.spikeTrains(weight.size(1), neuron.timeSteps())).build());
        net.init();
        net.getLayer(0).setParam(SpikingParamInitializer.WEIGHT, weight);
        ThresholdInitializer.run(net, input, new ThresholdInitializer.Config(c.number("avg_spike_init"),
                c.number("search_low"), c.number("search_high"), c.number("stop_ratio")));
        cmp.close("threshold_after", c.array("threshold_after"),
                net.getLayer(0).getParam(SpikingParamInitializer.THRESHOLD).reshape(weight.size(0)));
        cmp.exact("output", c.array("output"), SpikeLayout.toTimeMajor(net.output(input)));
    }
}
