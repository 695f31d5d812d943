package org.spiketime4j.conformance;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.RateToTime;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.layers.SpikingWeightLayer;
import org.spiketime4j.layers.SpikingWeightLayerImpl;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.neuron.SrmTrace;
import org.spiketime4j.neuron.WeightStandardization;

/**
 * Checks the {@code dense} and {@code conv} kinds through the DL4J layers: a one-layer network in
 * double precision with the case's parameters (gamma is not folded, as in the reference's layer),
 * forward spikes, du and g, and the backward pass from the case's {@code grad_output}.
 */
final class LayerCaseCheck implements CaseCheck {

    private final String kind;

    LayerCaseCheck(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    static SrmNeuron neuronOf(ConformanceCase c) {
        return new SrmNeuron(c.integer("T"), c.number("tau_m"), c.number("tau_s"), c.number("tau_grad"));
    }

    /**
     * @param classIndices class indices stored as float64, one per sample
     * @param classes      number of classes
     * @param caseName     the case, for the message
     * @return one-hot labels {@code [N, classes]} in double precision
     * @throws IllegalArgumentException if an entry is not a class index
     */
    static INDArray oneHot(INDArray classIndices, long classes, String caseName) {
        long n = classIndices.length();
        INDArray out = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (long i = 0; i < n; i++) {
            double c = classIndices.getDouble(i);
            if (c != Math.rint(c) || c < 0 || c >= classes) {
                throw new IllegalArgumentException("case " + caseName + ": labels[" + i + "] = " + c
                        + " is not a class index in [0, " + classes + ")");
            }
            out.putScalar(i, (long) c, 1.0);
        }
        return out;
    }

    @Override
    public void check(ConformanceCase c, Comparison cmp) {
        SrmNeuron neuron = neuronOf(c);
        INDArray weight = c.array("weight_raw");
        INDArray input = SpikeLayout.toBatchFirst(c.array("input"));
        boolean outputLayer = c.flag("output_layer", false);
        long nOut = weight.size(0);
        long nIn = weight.size(1);

        SpikingWeightLayer conf;
        InputType inputType;
        if ("conv".equals(kind)) {
            conf = new SpikingConv2D.Builder().kernelSize((int) weight.size(2), (int) weight.size(3))
                    .stride(c.has("stride") ? c.integer("stride") : 1).padding(c.integer("padding"))
                    .nIn(nIn).nOut(nOut).neuron(neuron).foldGamma(false).build();
            inputType = SpikeInputType.eventFrames(input.size(3), input.size(4), nIn, neuron.timeSteps());
        } else {
            SpikingWeightLayer.Builder<?> b = outputLayer ? new SpikingOutputLayer.Builder(LossKind.COUNT.create(new TargetCounts(3, 1), 3))
                    : new SpikingDense.Builder();
            conf = b.nIn(nIn).nOut(nOut).neuron(neuron).foldGamma(false).build();
            inputType = SpikeInputType.spikeTrains(nIn, neuron.timeSteps());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(conf).setInputType(inputType).build());
        net.init();
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        layer.setParam(SpikingParamInitializer.WEIGHT, weight);
        layer.setParam(SpikingParamInitializer.GAMMA, c.array("gamma").reshape(1, nOut));
        layer.setParam(SpikingParamInitializer.BETA, c.array("beta").reshape(1, nOut));
        layer.setParam(SpikingParamInitializer.THRESHOLD, c.array("threshold").reshape(1, nOut));

        cmp.close("weight_standardized", c.array("weight_standardized"),
                WeightStandardization.forward(weight, c.array("gamma"), c.array("beta")));
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(input, mgr);
        INDArray gradOutput = SpikeLayout.toBatchFirst(c.array("grad_output"));
        Pair<Gradient, INDArray> back;
        if (outputLayer) {
            SpikingOutputLayerImpl out = (SpikingOutputLayerImpl) layer;
            cmp.exact("spikes_raw", c.array("spikes_raw"), SpikeLayout.toTimeMajor(out.outputSpikes(input)));
            checkTrace(c, cmp, out.lastTrace());
            out.setLabels(oneHot(c.array("labels"), nOut, c.name()));
            cmp.exact("output", c.array("output"), SpikeLayout.toTimeMajor(out.supervisedSpikes()));
            back = out.backpropSpikeTime(gradOutput, mgr);
        } else {
            INDArray spikes = layer.activate(true, mgr);
            cmp.exact("output", c.array("output"), SpikeLayout.toTimeMajor(spikes));
            if (c.hasArray("spikes_raw")) {
                cmp.exact("spikes_raw", c.array("spikes_raw"), SpikeLayout.toTimeMajor(spikes));
            }
            checkTrace(c, cmp, ((SpikingWeightLayerImpl<?>) layer).lastTrace());
            back = layer.backpropGradient(RateToTime.toSpikeGradient(gradOutput), mgr);   // layers pass dL/ds
        }
        cmp.close("grad_input", c.array("grad_input"),
                SpikeLayout.toTimeMajor(RateToTime.fromSpikeGradient(back.getSecond())));
        cmp.close("grad_weight_raw", c.array("grad_weight_raw"),
                back.getFirst().getGradientFor(SpikingParamInitializer.WEIGHT));
        cmp.close("grad_gamma", c.array("grad_gamma"),
                back.getFirst().getGradientFor(SpikingParamInitializer.GAMMA).reshape(nOut));
        cmp.close("grad_beta", c.array("grad_beta"),
                back.getFirst().getGradientFor(SpikingParamInitializer.BETA).reshape(nOut));
        // the reference's dL/dW_hat, carried through weight standardization, gives its dL/dW
        WeightStandardization.Gradients viaWs = WeightStandardization.backward(weight, c.array("gamma"),
                c.array("grad_weight_standardized"));
        cmp.close("grad_weight_raw (from grad_weight_standardized)", c.array("grad_weight_raw"), viaWs.weight());
    }

    private static void checkTrace(ConformanceCase c, Comparison cmp, SrmTrace trace) {
        if (c.hasArray("delta_u")) {
            INDArray expected = c.array("delta_u");
            cmp.close("delta_u", expected, trace.deltaU().reshape(expected.shape()));
        }
        if (c.hasArray("delta_u_exp") && trace.gradTrace() != null) {
            INDArray expected = c.array("delta_u_exp");
            cmp.close("delta_u_exp", expected, trace.gradTrace().reshape(expected.shape()));
        }
    }
}
