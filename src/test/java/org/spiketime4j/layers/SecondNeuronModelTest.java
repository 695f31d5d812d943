package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.NeuronModel;
import org.spiketime4j.neuron.SpikeTimeBackward;
import org.spiketime4j.neuron.SrmTrace;
import org.spiketime4j.neuron.TensorAlgebra;
import org.spiketime4j.neuron.WeightStandardization;
import org.spiketime4j.samediff.GradientFunction;
import org.spiketime4j.samediff.SpikeVariable;
import org.spiketime4j.samediff.SpikingOps;
import org.spiketime4j.samediff.SpikingParams;

/**
 * Adding a second neuron model is one class: {@link ToyLif}, defined here and nowhere else, runs a DL4J layer
 * forward and backward (through the generic ND4J-op path of the one time loop and the one sweep) and survives
 * the JSON round trip (its class name is its registration); the SameDiff ops run it too. The spikes and
 * gradients are checked against scalar loops written from the toy model's equations.
 */
class SecondNeuronModelTest {

    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    /**
     * A toy leaky integrate-and-fire neuron with one trace: {@code v[t] = beta (v[t-1] + I[t])},
     * {@code beta = 1 - 1/tau}, u = v, full reset to 0 on a spike. The input-path trace g has the same
     * recurrence; dt/du is approximated by {@code clamp(-1/du, -2, 0)} (weight path) and
     * {@code clamp(-1/g, -8, 0)} (input path); the kernel from I[t] to u[t_k] is {@code beta^(t_k - t + 1)}.
     */
    record ToyLif(@JsonProperty("timeSteps") int timeSteps, @JsonProperty("tauSteps") double tauSteps)
            implements NeuronModel {

        double beta() {
            return 1.0 - 1.0 / tauSteps;
        }

        @Override
        public <T> Trace<T> membrane(TensorAlgebra<T> a, T current, boolean isStatic) {
            return new OneTrace<>(a, current, isStatic, beta());
        }

        @Override
        public <T> Trace<T> inputPathTrace(TensorAlgebra<T> a, T gradCurrent, boolean isStatic) {
            return new OneTrace<>(a, gradCurrent, isStatic, beta());
        }

        @Override
        public <T> T weightPathFactor(TensorAlgebra<T> a, T deltaU) {
            return a.clampi(a.rdiv(-1.0, deltaU), -2.0, 0.0);
        }

        @Override
        public <T> T inputPathFactor(TensorAlgebra<T> a, T gradTrace) {
            return a.clampi(a.rdiv(-1.0, gradTrace), -8.0, 0.0);
        }

        @Override
        public INDArray weightPathCredit(INDArray coef, INDArray silent) {
            return SpikeTimeBackward.creditBackward(coef, silent, beta());
        }

        @Override
        public INDArray inputPathCredit(INDArray coef, INDArray silent) {
            return SpikeTimeBackward.creditBackward(coef, silent, beta()).negi();
        }
    }

    /** {@code v[t] = beta (v[t-1] + I[t])}; the value after a reset in its own tensor. */
    private static final class OneTrace<T> implements NeuronModel.Trace<T> {
        private final TensorAlgebra<T> a;
        private final T current;
        private final boolean isStatic;
        private final double beta;
        private T v;

        OneTrace(TensorAlgebra<T> a, T current, boolean isStatic, double beta) {
            this.a = a;
            this.current = current;
            this.isStatic = isStatic;
            this.beta = beta;
        }

        @Override
        public T advance(int t) {
            T in = isStatic ? current : a.row(current, t);
            v = t == 0 ? a.mul(in, beta) : a.mul(a.add(v, in), beta);
            return v;
        }

        @Override
        public T reset(T silent) {
            v = a.mul(v, silent);
            return v;
        }
    }

    /** The toy model from its equations, one neuron: returns {spikes, du, g} over T steps. */
    private static double[][] naiveForward(ToyLif n, double[] current, double threshold) {
        int steps = current.length;
        double[][] out = new double[3][steps];
        double v = 0;
        double g = 0;
        double vAfterReset = 0;
        for (int t = 0; t < steps; t++) {
            v = n.beta() * (v + current[t]);
            g = n.beta() * (g + current[t]);
            out[1][t] = v - vAfterReset;
            out[2][t] = g;
            if (v >= threshold) {
                out[0][t] = 1;
                v = 0;
                g = 0;
            }
            vAfterReset = v;
        }
        return out;
    }

    /** The sweep from its definition, one neuron: returns {Gw, Gin} over T steps. */
    private static double[][] naiveBackward(ToyLif n, double[][] fwd, double[] gradSpikes) {
        int steps = gradSpikes.length;
        double[][] out = new double[2][steps];
        for (int t = 0; t < steps; t++) {
            int tk = t;
            while (tk < steps && fwd[0][tk] == 0) {
                tk++;
            }
            if (tk == steps) {
                continue;                                   // after the last spike: no credit
            }
            double kernel = Math.pow(n.beta(), tk - t + 1);
            double a = Math.max(-2.0, Math.min(0.0, -1.0 / fwd[1][tk]));
            double b = Math.max(-8.0, Math.min(0.0, -1.0 / fwd[2][tk]));
            out[0][t] = gradSpikes[tk] * a * kernel;
            out[1][t] = -gradSpikes[tk] * b * kernel;
        }
        return out;
    }

    @Test
    void aDenseLayerOfToyNeuronsRunsForwardAndBackwardAsItsEquationsSay() {
        ToyLif toy = new ToyLif(6, 4.0);
        int batch = 3;
        int nIn = 10;
        int nOut = 5;
        int steps = toy.timeSteps();
        MultiLayerNetwork net = LayerTestSupport.network(SpikeInputType.spikeTrains(nIn, steps),
                new SpikingDense.Builder().nOut(nOut).neuron(toy).build());
        Layer layer = net.getLayer(0);
        layer.getParam(SpikingParamInitializer.WEIGHT).assign(LayerTestSupport.gaussian(new Random(11), nOut, nIn));
        layer.getParam(SpikingParamInitializer.BETA).assign(0.3);
        layer.getParam(SpikingParamInitializer.THRESHOLD).assign(0.6);
        INDArray x = LayerTestSupport.spikes(new Random(12), 0.5, batch, nIn, steps);
        INDArray gamma = layer.getParam(SpikingParamInitializer.GAMMA).dup();
        WeightStandardization.Standardized std = WeightStandardization.standardize(
                layer.getParam(SpikingParamInitializer.WEIGHT), gamma, layer.getParam(SpikingParamInitializer.BETA));
        INDArray wHat = std.weightHat();

        layer.setInput(x, MGR);
        INDArray spikes = layer.activate(true, MGR);                       // [batch, nOut, T]
        INDArray grad = LayerTestSupport.gaussian(new Random(13), spikes.shape());
        Pair<Gradient, INDArray> back = layer.backpropGradient(grad, MGR);
        SrmTrace trace = ((SpikingWeightLayerImpl<?>) layer).lastTrace();   // [T, batch * nOut]

        double[][] gradWHat = new double[nOut][nIn];
        double[][][] dx = new double[batch][nIn][steps];
        int spikeCount = 0;
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < nOut; o++) {
                double[] current = new double[steps];
                double[] gradSpikes = new double[steps];
                for (int t = 0; t < steps; t++) {
                    for (int i = 0; i < nIn; i++) {
                        current[t] += wHat.getDouble(o, i) * x.getDouble(b, i, t);
                    }
                    gradSpikes[t] = -grad.getDouble(b, o, t);     // the layer reads dL/ds; the formulas dL/dt = -dL/ds
                }
                double[][] fwd = naiveForward(toy, current, 0.6);
                double[][] bwd = naiveBackward(toy, fwd, gradSpikes);
                for (int t = 0; t < steps; t++) {
                    assertEquals(fwd[0][t], spikes.getDouble(b, o, t), "spike at b=" + b + " o=" + o + " t=" + t);
                    assertEquals(fwd[1][t], trace.deltaU().getDouble(t, b * nOut + o), 1e-12);
                    assertEquals(fwd[2][t], trace.gradTrace().getDouble(t, b * nOut + o), 1e-12);
                    spikeCount += (int) fwd[0][t];
                    for (int i = 0; i < nIn; i++) {
                        gradWHat[o][i] += bwd[0][t] * x.getDouble(b, i, t);
                        dx[b][i][t] -= x.getDouble(b, i, t) * wHat.getDouble(o, i) * bwd[1][t];   // dL/ds = -dL/dt
                    }
                }
            }
        }
        assertTrue(spikeCount > 5 && spikeCount < batch * nOut * steps - 5, "spikes: " + spikeCount);

        INDArray expectedW = WeightStandardization.backward(std, gamma, Nd4j.createFromArray(gradWHat)).weight();
        assertGradients(expectedW, dx, back.getFirst().getGradientFor(SpikingParamInitializer.WEIGHT),
                back.getSecond());

        // the SameDiff ops run the same model through the same loop, with the spike-time gradient attached
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("input", x.dup());
        SpikingParams p = SpikingParams.of(sd, "layer", layer.getParam(SpikingParamInitializer.WEIGHT).dup(), gamma,
                layer.getParam(SpikingParamInitializer.BETA).dup(), layer.getParam(SpikingParamInitializer.THRESHOLD).dup());
        SDVariable sdSpikes = SpikingOps.dense(sd, toy, SpikeVariable.timed(in, steps, nIn), p, null).spikes().value();
        sdSpikes.mul(sd.constant("gradOut", grad)).sum().markAsLoss();
        assertEquals(spikes, sd.output(Map.of(), sdSpikes.name()).get(sdSpikes.name()));
        GradientFunction.create(sd);
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "input", "layer/W");
        assertGradients(expectedW, dx, g.get("layer/W"), g.get("input"));
    }

    private static void assertGradients(INDArray expectedW, double[][][] expectedDx, INDArray actualW, INDArray actualDx) {
        for (int o = 0; o < expectedW.size(0); o++) {
            for (int i = 0; i < expectedW.size(1); i++) {
                assertEquals(expectedW.getDouble(o, i), actualW.getDouble(o, i), 1e-12, "dW o=" + o + " i=" + i);
            }
        }
        for (int b = 0; b < expectedDx.length; b++) {
            for (int i = 0; i < expectedDx[b].length; i++) {
                for (int t = 0; t < expectedDx[b][i].length; t++) {
                    assertEquals(expectedDx[b][i][t], actualDx.getDouble(b, i, t), 1e-12, "dx b=" + b + " i=" + i);
                }
            }
        }
    }

    @Test
    void theToyModelSurvivesTheJsonRoundTripByItsClassName() {
        MultiLayerNetwork net = LayerTestSupport.network(SpikeInputType.spikeTrains(4, 3),
                new SpikingDense.Builder().nOut(2).neuron(new ToyLif(3, 4.0)).build());
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(ToyLif.class.getName()), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(new ToyLif(3, 4.0), ((SpikingWeightLayer) back.getConf(0).getLayer()).getNeuron());
        assertEquals(net.getLayerWiseConfigurations(), back);
    }

    @Test
    void theToyModelRunsOnFloatArraysThroughTheOpPath() {
        ToyLif toy = new ToyLif(5, 3.0);
        INDArray current = LayerTestSupport.gaussian(new Random(21), 5, 40).castTo(DataType.FLOAT);
        INDArray threshold = Nd4j.valueArrayOf(new long[]{1, 40}, 0.4f);
        SrmTrace trace = org.spiketime4j.neuron.SrmForward.run(toy, current, threshold, true);
        INDArray grad = LayerTestSupport.gaussian(new Random(22), 5, 40).castTo(DataType.FLOAT);
        INDArray gwOverSteps = SpikeTimeBackward.weightPathOverSteps(toy, trace, grad);   // the static layer's path
        for (int k = 0; k < 40; k++) {
            double[] cur = new double[5];
            double[] gradSpikes = new double[5];
            for (int t = 0; t < 5; t++) {
                cur[t] = current.getFloat(t, k);
                gradSpikes[t] = grad.getFloat(t, k);
            }
            double[][] fwd = naiveForward(toy, cur, 0.4f);
            double[][] bwd = naiveBackward(toy, fwd, gradSpikes);
            double gwSum = 0;
            for (int t = 0; t < 5; t++) {
                assertEquals(fwd[0][t], trace.spikes().getDouble(t, k), "spike k=" + k + " t=" + t);
                assertEquals(fwd[1][t], trace.deltaU().getDouble(t, k), 1e-5);
                gwSum += bwd[0][t];
            }
            assertEquals(gwSum, gwOverSteps.getDouble(0, k), 1e-5, "sum of Gw k=" + k);
        }
    }
}
