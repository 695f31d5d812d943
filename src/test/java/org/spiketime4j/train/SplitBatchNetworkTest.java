package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.spiketime4j.data.IdxDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.EnhancedCountLoss;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.SpikeTimeLoss;
import org.spiketime4j.loss.Reduction;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * {@link SplitBatchNetwork} against a plain {@code MultiLayerNetwork} with the same parameters, in double precision
 * (where float rounding cannot move a potential across its threshold): the same gradient, score, updates and
 * monitor statistics, for sums and means over the batch and odd batch sizes; the halves really run apart; a failure
 * in either half surfaces and leaves the thread settings as they were.
 */
class SplitBatchNetworkTest {

    private static final Path MNIST = Path.of("datasets", "mnist");

    /** The tests run with OMP_NUM_THREADS=1 (pom.xml), where {@code auto} would not split. */
    @BeforeEach
    void splitAlways() {
        System.setProperty(SplitBatchNetwork.PROPERTY, "on");
    }

    @AfterEach
    void splitAsConfigured() {
        System.clearProperty(SplitBatchNetwork.PROPERTY);
    }

    private static MultiLayerConfiguration configuration(boolean miniBatch, Reduction reduction) {
        return configuration(miniBatch, new EnhancedCountLoss(TargetCounts.MNIST, true, reduction));
    }

    /** A small MNIST network with a given loss, in double precision. */
    private static MultiLayerConfiguration configuration(boolean miniBatch, SpikeTimeLoss loss) {
        SrmNeuron neuron = SrmNeuron.MNIST;
        return new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.DOUBLE).updater(new Nesterovs(0.05, 0.9)).miniBatch(miniBatch).list()
                .layer(new SpikingConv2D.Builder().nOut(6).kernelSize(5).neuron(neuron).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(40).neuron(neuron).build())
                .layer(new SpikingOutputLayer.Builder(loss).nOut(10).neuron(neuron).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1))
                .build();
    }

    /** A split network and a plain one with the same (threshold-initialised) parameters. */
    private static MultiLayerNetwork[] pair(boolean miniBatch, Reduction reduction, DataSet batch) {
        return pair(configuration(miniBatch, reduction), batch);
    }

    private static MultiLayerNetwork[] pair(MultiLayerConfiguration conf, DataSet batch) {
        SplitBatchNetwork split = new SplitBatchNetwork(conf.clone());
        split.init();
        ThresholdInitializer.run(split, batch.getFeatures(), ThresholdInitializer.Config.of(0.6));
        MultiLayerNetwork plain = new MultiLayerNetwork(conf.clone());
        plain.init(split.params().dup(), true);
        return new MultiLayerNetwork[]{split, plain};
    }

    private static DataSet batch(int size) throws IOException {
        return IdxDataSetIterator.builder(MNIST, Split.TRAIN).batchSize(size).limit(size).shuffle(5).build().next();
    }

    /** Records the batch size of every forward pass a listener is told about. */
    private static final class ForwardSizes extends BaseTrainingListener {
        final List<Long> sizes = new ArrayList<>();

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            sizes.add(activations.get(0).size(0));
        }
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /**
     * count+ re-weights the label neuron by a ratio of counts over the whole batch, count0 subtracts a mean over the
     * whole batch: the halves exchange those sums ({@code BatchParts}); without that the gradient differs by ~4 %.
     */
    @ParameterizedTest
    @CsvSource({"false, SUM, 24, count+", "true, SUM, 25, count+", "false, MEAN, 25, count+", "true, MEAN, 9, count+",
            "false, SUM, 24, count0", "false, SUM, 24, kernel"})
    void gradientAndScoreAreThoseOfTheWholeBatch(boolean miniBatch, Reduction reduction, int size, String loss)
            throws IOException {
        DataSet batch = batch(size);
        SpikeTimeLoss lossFunction = switch (loss) {
            case "count+" -> new EnhancedCountLoss(TargetCounts.MNIST, true, reduction);
            case "count0" -> LossKind.COUNT0.create(TargetCounts.MNIST, SrmNeuron.MNIST.tauSynSteps());
            default -> LossKind.KERNEL.create(TargetCounts.MNIST, SrmNeuron.MNIST.tauSynSteps());
        };
        MultiLayerNetwork[] nets = pair(configuration(miniBatch, lossFunction), batch);
        ForwardSizes seen = new ForwardSizes();
        nets[0].addListeners(seen);
        for (MultiLayerNetwork net : nets) {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(List.of((long) size / 2, (long) size - size / 2), seen.sizes, "the halves ran apart");
        INDArray expected = nets[1].getGradientsViewArray();
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(scale > 0, "a gradient to compare");
        assertEquals(0.0, maxAbsDifference(nets[0].getGradientsViewArray(), expected), 1e-12 * scale);
        assertEquals(nets[1].score(), nets[0].score(), 1e-12 * Math.abs(nets[1].score()));
        assertEquals(size, nets[0].getInput().size(0), "the whole batch is the input again, for the updater");
    }

    @Test
    void trainingStepsMatchThePlainNetwork() throws IOException {
        DataSet batch = batch(20);
        MultiLayerNetwork[] nets = pair(true, Reduction.SUM, batch);
        for (int step = 0; step < 3; step++) {
            for (MultiLayerNetwork net : nets) {
                net.fit(batch);
            }
        }
        double scale = nets[1].params().amaxNumber().doubleValue();
        assertEquals(0.0, maxAbsDifference(nets[0].params(), nets[1].params()), 1e-11 * scale);
        assertEquals(nets[1].score(), nets[0].score(), 1e-11 * Math.abs(nets[1].score()));
        assertEquals(nets[1].getIterationCount(), nets[0].getIterationCount());
    }

    @Test
    void aCopyContinuesTrainingAsTheOriginal() throws IOException {
        DataSet batch = batch(12);
        MultiLayerNetwork original = pair(true, Reduction.SUM, batch)[0];     // batch mean: gamma stays > 0
        original.fit(batch);
        MultiLayerNetwork copy = SplitBatchNetwork.of(original);
        assertEquals(original.getIterationCount(), copy.getIterationCount());
        assertEquals(0.0, maxAbsDifference(original.getUpdater().getStateViewArray(),
                copy.getUpdater().getStateViewArray()));
        original.fit(batch);
        copy.fit(batch);
        assertEquals(0.0, maxAbsDifference(original.params(), copy.params()));
        assertTrue(copy.params() != original.params(), "a copy, not a view");
    }

    @Test
    void theMonitorSeesTheWholeBatch() throws IOException {
        DataSet batch = batch(20);
        MultiLayerNetwork[] nets = pair(false, Reduction.SUM, batch);
        List<TrainingMonitor.EpochStats> stats = new ArrayList<>();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (MultiLayerNetwork net : nets) {
            TrainingMonitor monitor = new TrainingMonitor(1, quiet);
            net.setListeners(monitor);
            monitor.onEpochStart(net);
            net.fit(batch);
            stats.add(monitor.snapshot());
        }
        TrainingMonitor.EpochStats split = stats.get(0);
        TrainingMonitor.EpochStats plain = stats.get(1);
        assertEquals(plain.examples(), split.examples());
        assertEquals(plain.accuracy(), split.accuracy(), 1e-12);
        assertEquals(plain.meanLoss(), split.meanLoss(), 1e-9 * Math.abs(plain.meanLoss()));
        assertEquals(plain.outputGradSum(), split.outputGradSum(), 1e-9 * Math.max(1, Math.abs(plain.outputGradSum())));
        assertArrayEquals(plain.spikesPerNeuron(), split.spikesPerNeuron(), 1e-12);
    }

    /**
     * Inference splits too: each half's output is the one the plain network gives for it, detached from every
     * workspace for {@code output}, in the caller's output workspace for {@code evaluate}.
     */
    @Test
    void inferenceIsThatOfThePlainNetwork() throws IOException {
        DataSet batch = batch(25);
        MultiLayerNetwork[] nets = pair(false, Reduction.SUM, batch);
        INDArray split = nets[0].output(batch.getFeatures());
        INDArray plain = nets[1].output(batch.getFeatures());
        assertTrue(plain.sumNumber().doubleValue() > 0, "some output spikes to compare");
        assertArrayEquals(plain.shape(), split.shape());
        assertEquals(0.0, maxAbsDifference(split, plain));
        assertFalse(split.isAttached(), "detached, as MultiLayerNetwork's output");
        assertEquals(25, nets[0].getInput().size(0), "the whole batch is the input again");
        var iterator = IdxDataSetIterator.builder(MNIST, Split.TEST).batchSize(20).limit(60).build();
        var splitEvaluation = nets[0].evaluate(iterator);
        iterator.reset();
        var plainEvaluation = nets[1].evaluate(iterator);
        assertEquals(60, splitEvaluation.getNumRowCounter());
        assertEquals(plainEvaluation.getConfusion().toCSV(), splitEvaluation.getConfusion().toCSV());
    }

    @Test
    void aFailingHalfOfAnInferenceBatchSurfaces() throws IOException {
        DataSet batch = batch(16);
        MultiLayerNetwork net = pair(false, Reduction.SUM, batch)[0];
        aNaNInEitherHalfSurfaces(batch, net::output);
        assertEquals(16, net.output(batch.getFeatures()).size(0), "and the network still runs");
    }

    /**
     * Runs {@code call} on the batch's features with NaN in the second half, then in the first: each time the
     * layer's own IllegalArgumentException surfaces and the thread settings are as before.
     */
    private static void aNaNInEitherHalfSurfaces(DataSet batch, java.util.function.Consumer<INDArray> call) {
        int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        int team = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        long n = batch.numExamples();
        for (long[] rows : new long[][]{{n / 2, n}, {0, n / 2}}) {            // the second half, then the first
            INDArray features = batch.getFeatures().dup();
            features.get(NDArrayIndex.interval(rows[0], rows[1])).assign(Double.NaN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(features));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
            assertEquals(masterThreads, Nd4j.getEnvironment().maxMasterThreads());
            assertEquals(team, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        }
    }

    @Test
    void badPropertyValueIsRefused() throws IOException {
        DataSet batch = batch(10);
        MultiLayerNetwork net = pair(false, Reduction.SUM, batch)[0];
        System.setProperty(SplitBatchNetwork.PROPERTY, "sometimes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.fit(batch));
        assertTrue(e.getMessage().contains(SplitBatchNetwork.PROPERTY), e.getMessage());
    }

    @Test
    void offRunsTheBatchAsOne() throws IOException {
        DataSet batch = batch(10);
        MultiLayerNetwork net = pair(false, Reduction.SUM, batch)[0];
        ForwardSizes seen = new ForwardSizes();
        net.addListeners(seen);
        System.setProperty(SplitBatchNetwork.PROPERTY, "off");
        net.fit(batch);
        assertEquals(List.of(10L), seen.sizes);
    }

    @Test
    void smallBatchesRunAsOne() throws IOException {
        DataSet batch = batch(SplitBatchNetwork.MIN_SPLIT_BATCH - 1);
        MultiLayerNetwork[] nets = pair(false, Reduction.SUM, batch);
        ForwardSizes seen = new ForwardSizes();
        nets[0].addListeners(seen);
        nets[0].fit(batch);
        assertEquals(List.of((long) batch.numExamples()), seen.sizes);
    }

    @Test
    void aFailingHalfSurfacesAndLeavesTheThreadSettingsAsTheyWere() throws IOException {
        DataSet batch = batch(16);
        MultiLayerNetwork net = pair(false, Reduction.SUM, batch)[0];
        aNaNInEitherHalfSurfaces(batch, features -> net.fit(new DataSet(features, batch.getLabels())));
        net.fit(batch);                                                       // and the network still trains
        assertTrue(Double.isFinite(net.score()));
        INDArray gamma = net.getLayer(0).getParam(org.spiketime4j.layers.SpikingParamInitializer.GAMMA);
        int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        int team = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        gamma.putScalar(0, -1.0);                                             // the fold before the halves refuses it
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> net.fit(batch));
        assertTrue(refused.getMessage().contains("gamma"), refused.getMessage());
        assertEquals(masterThreads, Nd4j.getEnvironment().maxMasterThreads());
        assertEquals(team, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    }
}
