package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ScheduleType;
import org.spiketime4j.neuron.KernelDispatch;

/** The DL4J extensions of the train package against scalar formulas and their documented contracts. */
class TrainPiecesTest {

    @Test
    void referenceAdamFollowsPytorchForm() {
        ReferenceAdam cfg = new ReferenceAdam(0.01);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 4);
        GradientUpdater<?> u = cfg.instantiate(state, true);
        double[] grads = {0.3, -1.2, 0.05};
        double m0 = 0, v0 = 0, m1 = 0, v1 = 0;
        for (int t = 1; t <= 3; t++) {
            INDArray g = Nd4j.createFromArray(grads[t - 1], -grads[t - 1]).reshape(1, 2).castTo(DataType.DOUBLE);
            u.applyUpdater(g, t - 1, 0);
            m0 = 0.9 * m0 + 0.1 * grads[t - 1];
            v0 = 0.999 * v0 + 0.001 * grads[t - 1] * grads[t - 1];
            double expected = 0.01 * (m0 / (1 - Math.pow(0.9, t))) / (Math.sqrt(v0 / (1 - Math.pow(0.999, t))) + 1e-8);
            assertEquals(expected, g.getDouble(0), 1e-15);
            assertEquals(-expected, g.getDouble(1), 1e-15);
        }
        assertEquals(cfg, cfg.clone());
    }

    /**
     * The host loop for float vectors against the ND4J-op path of the same updater (forced by the system property):
     * equal bit for bit over steps with a changing learning rate, across chunk boundaries; and against the double
     * formula within float rounding.
     */
    @Test
    void referenceAdamHostLoopEqualsTheOpPath() {
        int n = 3 * ReferenceAdam.Updater.HOST_CHUNK + 17;
        ReferenceAdam cfg = new ReferenceAdam(new CosineSchedule(ScheduleType.ITERATION, 0.01, 10));
        GradientUpdater<?> host = cfg.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), true);
        GradientUpdater<?> ops = cfg.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), true);
        Nd4j.getRandom().setSeed(7);
        double[] m = new double[n];
        double[] v = new double[n];
        for (int t = 0; t < 4; t++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, n).muli(Math.pow(10, t - 2));
            double[] raw = g.toDoubleVector();
            INDArray viaHost = g.dup();
            INDArray viaOps = g.dup();
            assertNotNull(KernelDispatch.hostRow(viaHost));
            host.applyUpdater(viaHost, t, 0);
            String before = System.getProperty("spiketime.fusedKernels");
            System.setProperty("spiketime.fusedKernels", "false");
            try {
                assertNull(KernelDispatch.hostRow(viaOps));
                ops.applyUpdater(viaOps, t, 0);
            } finally {
                if (before == null) {
                    System.clearProperty("spiketime.fusedKernels");
                } else {
                    System.setProperty("spiketime.fusedKernels", before);
                }
            }
            assertEquals(viaOps, viaHost, "step " + t);
            double lr = cfg.getLearningRate(t, 0);
            for (int i = 0; i < n; i += 97) {
                m[i] = 0.9 * m[i] + 0.1 * raw[i];
                v[i] = 0.999 * v[i] + 0.001 * raw[i] * raw[i];
                double expected = lr * (m[i] / (1 - Math.pow(0.9, t + 1)))
                        / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t + 1))) + 1e-8);
                assertEquals(expected, viaHost.getDouble(0, i), 1e-5 * Math.abs(expected) + 1e-12, "step " + t + " i " + i);
            }
        }
    }

    @Test
    void cosineScheduleAnnealsToZero() {
        CosineSchedule s = new CosineSchedule(ScheduleType.EPOCH, 1.0, 4);
        assertEquals(1.0, s.valueAt(123, 0), 1e-15);
        assertEquals((1 + Math.cos(Math.PI / 4)) / 2, s.valueAt(0, 1), 1e-15);
        assertEquals(0.5, s.valueAt(0, 2), 1e-15);
        assertEquals(0.0, s.valueAt(0, 4), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(ScheduleType.EPOCH, 1, 0));
    }

    @Test
    void presetConfigurationSurvivesJsonWithEveryExtension() {
        MultiLayerConfiguration c = SpikingNetworks.configuration(Presets.MNIST, 1, DataType.FLOAT);
        String json = c.toJson();
        for (String cls : new String[]{"ReferenceAdam", "CosineSchedule", "WeightClamp", "EnhancedCountLoss"}) {
            assertTrue(json.contains(cls), "configuration JSON should carry " + cls);
        }
        assertEquals(c, MultiLayerConfiguration.fromJson(json));
    }

    @Test
    void weightDecayIsAppliedOncePerLayer() {
        var layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) SpikingNetworks.configuration(Presets.MNIST, 1,
                DataType.FLOAT).getConf(0).getLayer();
        assertEquals(1, layer.getRegularizationByParam("W").size());
        assertEquals(1, layer.getRegularizationByParam("gamma").size());
        assertEquals(0, layer.getRegularizationByParam("threshold") == null ? 0
                : layer.getRegularizationByParam("threshold").size());
    }

    @Test
    void networkSpecParsesThePapersNotation() {
        assertEquals(6, NetworkSpec.parse("15C5-AP2-40C5-AP2-FC300-FC10").layers(org.spiketime4j.neuron.SrmNeuron.MNIST,
                org.spiketime4j.loss.LossKind.COUNT_PLUS.create(org.spiketime4j.loss.TargetCounts.MNIST, 3)).size());
        assertEquals(10, NetworkSpec.parse("12C5p1-AP2-64C5-AP2-10").outputs());
        Throwable t = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.parse("15C5-XX-10"));
        assertTrue(t.getMessage().contains("XX"));
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.parse("15C5-AP2"));
        assertThrows(IllegalArgumentException.class, () -> Presets.byName("cifar"));
    }

    /** The clamp's host loop and ND4J's scalar max and min give the same floats, special values included. */
    @Test
    void weightClampHostLoopEqualsTheOpPath() {
        var net = SpikingNetworks.create(Presets.MNIST.withEpochs(1), 1, DataType.FLOAT);
        INDArray w = net.getLayer(4).getParam("W");
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 4f, -4f, Math.nextUp(4f),
                Math.nextDown(-4f), -0f, 0f, 1e-30f, -3.999f, 7f, -9f};
        Nd4j.getRandom().setSeed(3);
        INDArray values = Nd4j.randn(DataType.FLOAT, w.shape()).muli(5);
        for (int i = 0; i < special.length; i++) {
            values.putScalar(i * 997L, special[i]);
        }
        var clamp = (WeightClamp) net.getLayer(4).conf().getLayer().getConstraints().get(0);
        w.assign(values);
        assertNotNull(KernelDispatch.hostRow(w));
        clamp.applyConstraint(net.getLayer(4), 0, 0);
        float[] viaHost = w.dup().data().asFloat();
        w.assign(values);
        String before = System.getProperty("spiketime.fusedKernels");
        System.setProperty("spiketime.fusedKernels", "false");
        try {
            assertNull(KernelDispatch.hostRow(w));
            clamp.applyConstraint(net.getLayer(4), 0, 0);
        } finally {
            if (before == null) {
                System.clearProperty("spiketime.fusedKernels");
            } else {
                System.setProperty("spiketime.fusedKernels", before);
            }
        }
        float[] viaOps = w.dup().data().asFloat();
        for (int i = 0; i < viaOps.length; i++) {
            assertEquals(Float.floatToRawIntBits(viaOps[i]), Float.floatToRawIntBits(viaHost[i]),
                    "value " + values.getFloat(i) + " at " + i + ": ops " + viaOps[i] + ", host " + viaHost[i]);
        }
        assertEquals(-4f, viaHost[0], 0f);    // NaN: ND4J's scalar max returns the bound
    }

    @Test
    void weightClampAndGradientClip() {
        var net = SpikingNetworks.create(Presets.MNIST.withEpochs(1), 1, DataType.FLOAT);
        INDArray w = net.getLayer(4).getParam("W");
        w.putScalar(0, 9.0);
        w.putScalar(1, -7.0);
        var clamp = (WeightClamp) net.getLayer(4).conf().getLayer().getConstraints().get(0);
        clamp.applyConstraint(net.getLayer(4), 0, 0);
        assertEquals(4.0, w.getDouble(0), 0);
        assertEquals(-4.0, w.getDouble(1), 0);

        net.initGradientsView();
        INDArray grads = net.getGradientsViewArray();
        grads.assign(0);
        grads.putScalar(0, 3000);
        grads.putScalar(1, 4000);
        GradientNormClip clip = new GradientNormClip(1000);
        clip.onGradientCalculation(net);
        assertEquals(5000, clip.lastNorm(), 1e-3);
        assertEquals(1000, grads.norm2Number().doubleValue(), 1e-3);
    }
}
