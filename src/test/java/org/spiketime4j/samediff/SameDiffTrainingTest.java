package org.spiketime4j.samediff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.data.IdxDataset;
import org.spiketime4j.data.Split;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * A SameDiff SNN built from the spiking ops trains with {@code sd.fit} on an MNIST subset and learns, and a
 * graph with every op saves and loads in SameDiff's format with the same outputs and the same gradients.
 */
class SameDiffTrainingTest {

    private static final SrmNeuron NEURON = SrmNeuron.MNIST;

    /** A graph, its layers' parameters and the variables a test reads. */
    private record Net(SameDiff sd, SpikingParams[] layers, SDVariable scores, SDVariable loss) {
    }

    private static IdxDataset mnist(Split split) throws IOException {
        return IdxDataset.load(Path.of("datasets", "mnist"), split);
    }

    /** 784 -> 100 -> 10 on flattened static images. */
    private static Net denseNet() {
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder("input", DataType.FLOAT, -1, 1, 28, 28);
        SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, 10);
        SpikingParams hidden = SpikingParams.create(sd, "hidden", new long[]{100, 784}, DataType.FLOAT, 10.0);
        SpikingParams out = SpikingParams.create(sd, "out", new long[]{10, 100}, DataType.FLOAT, 1.0);
        SpikeVariable x = SpikeVariable.staticInput(input.reshape(-1, 784), 784);
        SpikeVariable h = SpikingOps.dense(sd, NEURON, x, hidden, null).spikes();
        SpikeLayer o = SpikingOps.dense(sd, NEURON, h, out, labels);
        SDVariable loss = SpikeTimeLosses.loss(sd, LossKind.COUNT_PLUS.create(TargetCounts.MNIST, 3), o.spikes(), labels);
        sd.setLossVariables(loss);
        return new Net(sd, new SpikingParams[]{hidden, out}, SpikingOps.readout(sd, o.rawSpikes()), loss);
    }

    /** conv 1->4 k5 -> pool 2 -> flatten -> 10: every op of the package. */
    private static Net convNet() {
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder("input", DataType.FLOAT, -1, 1, 28, 28);
        SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, 10);
        SpikingParams conv = SpikingParams.create(sd, "conv", new long[]{4, 1, 5, 5}, DataType.FLOAT, 3.0);
        SpikingParams out = SpikingParams.create(sd, "out", new long[]{10, 576}, DataType.FLOAT, 1.0);
        SpikeVariable h = SpikingOps.conv2d(sd, NEURON, SpikeVariable.staticInput(input, 1, 28, 28), conv, 1, 0)
                .spikes();
        h = SpikingOps.flatten(SpikingOps.pool(sd, h, 2));
        SpikeLayer o = SpikingOps.dense(sd, NEURON, h, out, labels);
        SDVariable loss = SpikeTimeLosses.loss(sd, LossKind.COUNT_PLUS.create(TargetCounts.MNIST, 3), o.spikes(), labels);
        sd.setLossVariables(loss);
        return new Net(sd, new SpikingParams[]{conv, out}, SpikingOps.readout(sd, o.rawSpikes()), loss);
    }

    private static void configure(SameDiff sd, double lr) {
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(lr)).dataSetFeatureMapping("input")
                .dataSetLabelMapping("labels").build());
        GradientFunction.create(sd);
    }

    private static double accuracy(Net net, DataSet test) {
        INDArray scores = net.sd().output(Map.of("input", test.getFeatures()), net.scores().name())
                .get(net.scores().name());
        INDArray predicted = scores.argMax(1);
        INDArray truth = test.getLabels().argMax(1);
        return predicted.eq(truth).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    @Test
    void learnsAnMnistSubsetWithFit() throws IOException {
        Nd4j.getRandom().setSeed(7);
        IdxDataset train = mnist(Split.TRAIN);
        IdxDataset testSet = mnist(Split.TEST);
        DataSet test = testSet.dataSet(IntStream.range(0, 500).toArray());
        java.util.List<DataSet> batches = new java.util.ArrayList<>();
        for (int b = 0; b < 20; b++) {
            batches.add(train.dataSet(IntStream.range(b * 50, b * 50 + 50).toArray()));
        }
        Net net = denseNet();
        configure(net.sd(), 5e-3);
        double before = accuracy(net, test);
        ThresholdFoldListener fold = new ThresholdFoldListener(ThresholdFoldListener.WEIGHT_BOUND, net.layers());
        DataSetIterator it = new ListDataSetIterator<>(batches, 1);
        net.sd().fit(it, 3, fold);
        double after = accuracy(net, test);
        assertTrue(after > 0.5 && after > before + 0.3,
                "accuracy on 500 test images must rise well above chance: before " + before + ", after " + after);
        for (SpikingParams p : net.layers()) {
            INDArray gamma = net.sd().getArrForVarName(p.gamma().name());
            INDArray threshold = net.sd().getArrForVarName(p.threshold().name());
            assertTrue(threshold.neq(threshold.getDouble(0)).any() || gamma.neq(1.0).any(),
                    p.threshold().name() + ": the fold must have moved the thresholds");
            assertTrue(net.sd().getArrForVarName(p.weight().name()).amaxNumber().doubleValue() <= 4.0);
        }
    }

    @Test
    void savesAndLoadsWithTheSameOutputsAndGradients(@TempDir Path dir) throws IOException {
        Nd4j.getRandom().setSeed(3);
        IdxDataset train = mnist(Split.TRAIN);
        DataSet batch = train.dataSet(IntStream.range(0, 16).toArray());
        Net net = convNet();
        configure(net.sd(), 1e-3);
        ThresholdFoldListener fold = new ThresholdFoldListener(ThresholdFoldListener.WEIGHT_BOUND, net.layers());
        net.sd().fit(batch, fold);
        net.sd().fit(batch, fold);

        File file = dir.resolve("snn.sd").toFile();
        net.sd().save(file, true);
        SameDiff loaded = SameDiff.load(file, true);

        Map<String, INDArray> ph = Map.of("input", batch.getFeatures(), "labels", batch.getLabels());
        String[] outputs = {net.scores().name(), net.loss().name()};
        Map<String, INDArray> a = net.sd().output(ph, outputs);
        Map<String, INDArray> b = loaded.output(ph, outputs);
        for (String o : outputs) {
            assertEquals(a.get(o), b.get(o), o + " after loading");
        }
        assertTrue(a.get(net.scores().name()).sumNumber().doubleValue() > 0, "the net must spike");
        assertEquals(net.sd().getArrForVarName("conv/threshold"), loaded.getArrForVarName("conv/threshold"));

        GradientFunction.create(loaded);
        String[] params = {"conv/W", "conv/gamma", "conv/beta", "out/W", "out/gamma", "out/beta"};
        Map<String, INDArray> ga = net.sd().calculateGradients(ph, params);
        Map<String, INDArray> gb = loaded.calculateGradients(ph, params);
        for (String p : params) {
            assertArrayEquals(ga.get(p).shape(), gb.get(p).shape(), p);
            assertEquals(ga.get(p), gb.get(p), "gradient of " + p + " after loading");
        }
        assertTrue(ga.get("conv/W").norm2Number().doubleValue() > 0, "the spike-time gradient must reach conv/W");
    }
}
