package org.spiketime4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.spiketime4j.conformance.ConformanceCase;
import org.spiketime4j.conformance.ConformanceSuite;
import org.spiketime4j.conformance.Engine;
import org.spiketime4j.data.IdxDataset;
import org.spiketime4j.plot.AxisOrder;
import org.spiketime4j.plot.EventFrames;
import org.spiketime4j.plot.MembraneTraces;
import org.spiketime4j.plot.Plots;
import org.spiketime4j.plot.SpikeCountHistogram;
import org.spiketime4j.plot.SpikeRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.schedule.ScheduleType;
import org.spiketime4j.data.IdxDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.BalancedCountLoss;
import org.spiketime4j.loss.CePlusLoss;
import org.spiketime4j.loss.EnhancedCountLoss;
import org.spiketime4j.loss.FormulaLoss;
import org.spiketime4j.loss.KernelLoss;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.RateToTime;
import org.spiketime4j.loss.RateToTimeLoss;
import org.spiketime4j.loss.SpikeCountLoss;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.loss.TetLoss;
import org.spiketime4j.loss.TimingLoss;
import org.spiketime4j.loss.TtfsLoss;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.samediff.GradientFunction;
import org.spiketime4j.samediff.SpikeLayer;
import org.spiketime4j.samediff.SpikeTimeLosses;
import org.spiketime4j.samediff.SpikeVariable;
import org.spiketime4j.samediff.SpikingOps;
import org.spiketime4j.samediff.SpikingParams;
import org.spiketime4j.samediff.ThresholdFoldListener;
import org.spiketime4j.train.CosineSchedule;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.NetworkSpec;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.PretrainedModels;
import org.spiketime4j.train.ReferenceAdam;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.ThresholdInitializer;
import org.spiketime4j.train.TrainingMonitor;
import org.spiketime4j.train.WeightClamp;

/**
 * The examples the Javadoc points to ({@code Example: DocExamplesTest#name}), compiled and run, each with the
 * outcome its comment states. {@link #readmeExample} is, line for line, the README's "Using the library" code.
 */
class DocExamplesTest {

    private static final ActivationIdentity ID = new ActivationIdentity();
    private static final Path MNIST = Path.of("datasets", "mnist");

    @Test
    void spikeCountLoss() {
        SpikeCountLoss loss = new SpikeCountLoss(new TargetCounts(5, 1));
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 2, 10, 5);              // [mb, classes, T]: silence
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(3, 7);  // one-hot [mb, classes]
        double value = loss.computeScore(labels, spikes, ID, null, false);
        assertEquals(2 * 25 / 10.0, value, 1e-12);                             // (0 - 5)^2 / (2T) per example
    }

    @Test
    void enhancedCountLoss() {
        EnhancedCountLoss loss = new EnhancedCountLoss(TargetCounts.MNIST);
        INDArray spikes = Nd4j.ones(DataType.DOUBLE, 1, 10, 5);               // every neuron fires at every step
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(3);
        INDArray dLdt = loss.computeGradient(labels, spikes, ID, null);
        assertEquals(0.0, dLdt.getDouble(0, 3, 0), 0.0);                       // label neuron: n~ = 5 = D
        assertEquals(-(5 - 1) / (5.0 * 5), dLdt.getDouble(0, 0, 0), 1e-12);    // others: -(n~ - U) / (T n~)
    }

    @Test
    void balancedCountLoss() {
        BalancedCountLoss loss = new BalancedCountLoss(TargetCounts.MNIST);
        Nd4j.getRandom().setSeed(1);
        INDArray spikes = Nd4j.rand(DataType.DOUBLE, 4, 10, 5).gt(0.5).castTo(DataType.DOUBLE);
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(0, 1, 2, 3);
        assertEquals(0.0, loss.summedSpikeTimeGradient(labels, spikes), 1e-12);  // zero total gradient
    }

    @Test
    void kernelLoss() {
        KernelLoss loss = new KernelLoss(SrmNeuron.MNIST);                     // tau_s = 3 steps, the neuron's
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(2);
        INDArray dLdt = loss.computeGradient(labels, spikes, ID, null);
        assertTrue(dLdt.slice(0).getRow(2).minNumber().doubleValue() >= 0);   // the label neuron should fire
        assertTrue(dLdt.slice(0).getRow(2).sumNumber().doubleValue() > 0);
    }

    @Test
    void tetLoss() {
        TetLoss loss = new TetLoss();
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(4);
        assertEquals(Math.log(10), loss.computeScore(labels, spikes, ID, null, false), 1e-12);
    }

    @Test
    void cePlusLoss() {
        CePlusLoss loss = new CePlusLoss();
        INDArray spikes = Nd4j.ones(DataType.DOUBLE, 1, 10, 5);               // every count 5, z_c = 2
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(1);
        assertEquals(2.5 * Math.log(10), loss.computeScore(labels, spikes, ID, null, false), 1e-12);
    }

    @Test
    void ttfsLoss() {
        TtfsLoss loss = new TtfsLoss();
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
        spikes.putScalar(new long[] {0, 6, 2}, 1.0);                           // neuron 6 fires first at t = 2
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(6);
        INDArray dLdt = loss.computeGradient(labels, spikes, ID, null);
        assertTrue(dLdt.getDouble(0, 6, 2) > 0);                               // fire earlier
        assertEquals(dLdt.getDouble(0, 6, 2), dLdt.sumNumber().doubleValue(), 0.0);   // and nothing else
    }

    @Test
    void timingLoss() {
        TimingLoss loss = new TimingLoss();
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, 1, 10, 5);
        spikes.putScalar(new long[] {0, 3, 4}, 1.0);                           // a wrong neuron fires at t = 4
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(0);
        INDArray dLdt = loss.computeGradient(labels, spikes, ID, null);
        assertEquals(-1 / Math.sqrt(10), dLdt.getDouble(0, 3, 4), 1e-12);     // fire later
    }

    @Test
    void rateToTimeLoss() {
        RateToTimeLoss loss = new RateToTimeLoss(new LossMSE(), TargetCounts.MNIST);
        INDArray spikes = Nd4j.ones(DataType.DOUBLE, 1, 10, 5);
        INDArray labels = Nd4j.eye(10).castTo(DataType.DOUBLE).getRows(0);
        INDArray dLdt = loss.computeGradient(labels, spikes, ID, null);
        assertEquals(0.0, dLdt.getDouble(0, 0, 0), 0.0);                       // label neuron: n = 5 = D
        assertEquals(-2 * (5 - 1) / 10.0, dLdt.getDouble(0, 1, 0), 1e-12);    // others: -(2 (n - U) / C)
    }

    @Test
    void rateToTime() {
        INDArray spikes = Nd4j.createFromArray(new double[][][] {{{0, 1, 1}, {1, 0, 0}}});   // [1, 2, 3]
        INDArray dLdn = Nd4j.createFromArray(new double[][] {{-0.5, 0.25}});                 // dL/d count
        INDArray dLdt = RateToTime.fromCountGradient(dLdn, spikes);
        assertEquals(Nd4j.createFromArray(new double[][][] {{{0, 0.5, 0.5}, {-0.25, 0, 0}}}), dLdt);
    }

    @Test
    void lossKind() {
        SrmNeuron neuron = SrmNeuron.MNIST;
        FormulaLoss loss = LossKind.fromName("count+").create(TargetCounts.MNIST, neuron.tauSynSteps());
        assertEquals(new EnhancedCountLoss(TargetCounts.MNIST), loss);
        assertEquals(new KernelLoss(neuron), LossKind.KERNEL.create(TargetCounts.MNIST, neuron.tauSynSteps()));
    }

    @Test
    void networkSpec() {
        List<Layer> layers = NetworkSpec.parse("15C5-AP2-40C5-AP2-300-10")
                .layers(SrmNeuron.MNIST, new EnhancedCountLoss(TargetCounts.MNIST));
        assertEquals(List.of("SpikingConv2D", "SpikePooling2D", "SpikingConv2D", "SpikePooling2D", "SpikingDense",
                "SpikingOutputLayer"), layers.stream().map(l -> l.getClass().getSimpleName()).toList());
    }

    @Test
    void spikingNetworks() {
        MultiLayerNetwork net = SpikingNetworks.create(Presets.MNIST, 42, DataType.FLOAT);
        assertEquals(6, net.getLayers().length);
    }

    /** The paper's optimiser on a stock builder: ReferenceAdam, CosineSchedule, WeightClamp, GradientNormClip. */
    @Test
    void paperOptimiser() throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new ReferenceAdam(new CosineSchedule(ScheduleType.EPOCH, 5e-4, 100)))  // 100 epochs
                .constrainWeights(new WeightClamp(4))
                .miniBatch(false)
                .list()
                .layer(new SpikingConv2D.Builder().nOut(4).kernelSize(5).neuron(SrmNeuron.MNIST)
                        .weightDecay(0.05, true).weightDecayBias(0.001, true).build())   // per layer, not global
                .layer(new SpikePooling2D.Builder().kernelSize(4).build())
                .layer(new SpikingOutputLayer.Builder(new EnhancedCountLoss(TargetCounts.MNIST)).nOut(10)
                        .neuron(SrmNeuron.MNIST).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.addListeners(new GradientNormClip(1000));
        net.fit(IdxDataSetIterator.builder(MNIST, Split.TRAIN).batchSize(10).limit(20).build());
        assertTrue(net.params().amaxNumber().doubleValue() <= 4);
    }

    /** A bundled pretrained model (here a tiny stand-in on a class path of its own), loaded and run. */
    @Test
    void pretrained(@TempDir Path root) throws IOException {
        org.spiketime4j.train.TinyPretrainedModel.write(root);
        INDArray images = IdxDataset.load(MNIST, Split.TEST).dataSet(0, 1, 2).getFeatures();
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (java.net.URLClassLoader loader = org.spiketime4j.train.TinyPretrainedModel.loader(root)) {
            thread.setContextClassLoader(loader);
            PretrainedModels.Pretrained mnist = PretrainedModels.load("mnist");
            INDArray scores = mnist.network().output(images);     // [mb, 10]
            assertEquals(List.of(3L, 10L), java.util.Arrays.stream(scores.shape()).boxed().toList());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    /** The environment check a library user runs once at start-up. */
    @Test
    void checkEnvironment() {
        SpikeTime4j.EnvironmentReport report = SpikeTime4j.checkEnvironment();   // logs each missing setting at INFO
        report.missing().forEach(s -> assertTrue(!s.howToSet().isBlank(), s.name()));
    }

    /** Per-layer spikes, synaptic operations and energy counted during an evaluation. */
    @Test
    void energyMeter() throws IOException {
        MultiLayerNetwork net = SpikingNetworks.create(Presets.MNIST, 1, DataType.FLOAT);
        DataSetIterator test = IdxDataSetIterator.builder(MNIST, Split.TEST).batchSize(10).limit(20).build();
        org.spiketime4j.energy.EnergyMeter meter = new org.spiketime4j.energy.EnergyMeter(net);
        Evaluation eval = new Evaluation();
        for (DataSet batch : (Iterable<DataSet>) () -> test) {
            eval.eval(batch.getLabels(), meter.output(batch.getFeatures()));
        }
        org.spiketime4j.energy.EnergyReport report = meter.report(org.spiketime4j.energy.EnergyModel.HOROWITZ_45NM_FP32);
        assertEquals(20, report.samples());
        assertEquals(20, eval.getNumRowCounter());
    }

    /** A short benchmark of the MNIST preset against its stock twin, and its table. */
    @Test
    void benchmark() throws IOException {
        org.spiketime4j.bench.BenchmarkReport r = org.spiketime4j.bench.Benchmark.run(
                new org.spiketime4j.bench.BenchmarkConfig(Presets.MNIST, null, 10, 2, 1, 1, 0, 42), warm -> { }, done -> { });
        assertTrue(r.toTable().contains("training step"), r.toTable());
    }

    /** The warm-up gate: batches run until the JIT compiler's share of the time has settled (here: simulated times). */
    @Test
    void warmupGate() {
        org.spiketime4j.bench.WarmupGate gate = new org.spiketime4j.bench.WarmupGate(5, 200);
        int batch = 0;
        do {
            double jitMs = batch < 20 ? 30 : 0;              // compiling stops after 20 batches
            gate.record(100 + jitMs, jitMs);
            batch++;
        } while (gate.needsMore());
        assertTrue(gate.settled());
        assertEquals(30, gate.batches());
    }

    /** Threshold initialisation and the training monitor around a stock fit. */
    @Test
    void trainingLoop() throws IOException {
        MultiLayerNetwork net = SpikingNetworks.create(Presets.MNIST, 1, DataType.FLOAT);
        DataSetIterator train = IdxDataSetIterator.builder(MNIST, Split.TRAIN).batchSize(10).limit(30).build();
        DataSet firstBatch = train.next();
        ThresholdInitializer.run(net, firstBatch.getFeatures(), ThresholdInitializer.Config.of(0.6));
        train.reset();
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        TrainingMonitor monitor = new TrainingMonitor(3, new java.io.PrintStream(progress, true));
        net.addListeners(monitor);
        net.fit(train);
        assertTrue(progress.size() > 0);
    }

    /** A stock layer reads spikes directly: a stock loss on the spike trains of a spiking dense layer. */
    @Test
    void stockLayerOnSpikes() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new SpikingDense.Builder().nOut(10).neuron(SrmNeuron.MNIST).build())
                .layer(new RnnLossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(1);
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        net.fit(images, Nd4j.zeros(DataType.FLOAT, 4, 10, SrmNeuron.MNIST.timeSteps()));   // targets: one value per step
        assertEquals(2, net.getLayers().length);
    }

    /** SameDiff: SpikingOps, SpikeTimeLosses and the ThresholdFoldListener on a conv network. */
    @Test
    void spikeTimeLosses() throws IOException {
        SameDiff sd = SameDiff.create();
        SDVariable image = sd.placeHolder("input", DataType.FLOAT, -1, 1, 28, 28);
        SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, 10);
        SpikeVariable x = SpikeVariable.staticInput(image, 1, 28, 28);
        SpikingParams conv = SpikingParams.create(sd, "conv1", new long[] {4, 1, 5, 5}, DataType.FLOAT, 3.0);
        SpikingParams out = SpikingParams.create(sd, "out", new long[] {10, 576}, DataType.FLOAT, 1.0);
        SpikeVariable h = SpikingOps.conv2d(sd, SrmNeuron.MNIST, x, conv, 1, 0).spikes();   // [mb, 4, T, 24, 24]
        h = SpikingOps.flatten(SpikingOps.pool(sd, h, 2));                                  // [mb, 576, T]
        SpikeLayer o = SpikingOps.dense(sd, SrmNeuron.MNIST, h, out, labels);
        SDVariable loss = SpikeTimeLosses.loss(sd, new EnhancedCountLoss(TargetCounts.MNIST), o.spikes(), labels);
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).dataSetFeatureMapping("input")
                .dataSetLabelMapping("labels").build());
        GradientFunction.create(sd);
        ThresholdFoldListener fold = new ThresholdFoldListener(4.0, conv, out);
        sd.fit(IdxDataSetIterator.builder(MNIST, Split.TRAIN).batchSize(10).limit(10).build(), 1, fold);
        assertTrue(sd.getArrForVarName(conv.weight().name()).amaxNumber().doubleValue() <= 4.0);
    }

    @Test
    void srmNeuron() {
        SrmNeuron neuron = new SrmNeuron(5, 5.0, 3.0, 2.5);   // T = 5, tau_m = 5, tau_s = 3, tau_grad = 2.5
        assertEquals(SrmNeuron.MNIST, neuron);
    }

    @Test
    void idxData() throws IOException {
        IdxDataSetIterator train = IdxDataSetIterator.builder(Path.of("datasets/mnist"), Split.TRAIN)
                .batchSize(50).shuffle(42).build();
        IdxDataSetIterator flipped = IdxDataSetIterator.builder(Path.of("datasets/mnist"), Split.TRAIN)
                .batchSize(50).shuffle(42).horizontalFlip(7).build();        // Fashion-MNIST's augmentation
        assertEquals(50, train.next().numExamples());
        assertEquals(50, flipped.next().numExamples());
        IdxDataset all = IdxDataset.load(Path.of("datasets/mnist"), Split.TRAIN);
        DataSet first50 = all.dataSet(java.util.stream.IntStream.range(0, 50).toArray());
        assertEquals(List.of(50L, 1L, 28L, 28L), java.util.Arrays.stream(first50.getFeatures().shape()).boxed().toList());
        assertEquals(List.of(50L, 10L), java.util.Arrays.stream(first50.getLabels().shape()).boxed().toList());
    }

    @Test
    void conformanceSuite() {
        ConformanceSuite suite = ConformanceSuite.forEngine(Engine.DL4J);
        ConformanceCase first = ConformanceSuite.bundledCases().get(0);
        ConformanceSuite.Outcome o = suite.run(first);
        assertTrue(o.passed(), o.messages().toString());
    }

    /** The plots: a raster, membrane traces, a spike-count histogram and event frames, saved as PNG. */
    @Test
    void plots(@TempDir Path dir) throws IOException {
        double[][] spikes = {{0, 1, 0, 1}, {1, 0, 0, 0}};            // [neurons = 2][T = 4]
        XYChart raster = SpikeRaster.chart(spikes, AxisOrder.NEURON_FIRST, "two neurons");
        Plots.savePng(raster, dir.resolve("raster.png"));
        double[][] u = {{0.1, 0.5}, {0.4, 0.9}, {0.7, 0.2}};         // [T = 3][neurons = 2]
        XYChart traces = MembraneTraces.chart(u, AxisOrder.TIME_FIRST, new int[] {0, 1}, 1.0, "u of neurons 0, 1");
        Nd4j.getRandom().setSeed(5);
        Map<String, INDArray> byLayer = Map.of("fc", Nd4j.rand(DataType.FLOAT, 4, 6, 5).gt(0.5));  // [mb, neurons, T]
        CategoryChart counts = SpikeCountHistogram.fromSpikes(byLayer, 2, "spike counts");
        INDArray frames = Nd4j.zeros(DataType.FLOAT, 3, 2, 34, 34);   // [T = 3, 2, 34, 34]
        BufferedImage grid = EventFrames.grid(EventFrames.charts(frames, "digit 3"), 3);
        Plots.savePng(grid, dir.resolve("frames.png"));
        assertTrue(Files.size(dir.resolve("raster.png")) > 0 && Files.size(dir.resolve("frames.png")) > 0);
        assertEquals("u of neurons 0, 1", traces.getTitle());
        assertEquals("spike counts", counts.getTitle());
    }

    /** The README's "Using the library" block is the code between the markers below, line for line. */
    @Test
    void readmeShowsThisCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Using the library");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        String test = Files.readString(Path.of("src", "test", "java", "org", "spiketime4j", "DocExamplesTest.java"));
        int begin = test.indexOf("// README:begin\n") + "// README:begin\n".length();
        String region = test.substring(begin, test.indexOf("        // README:end\n", begin));
        assertEquals(block.strip(), region.lines().map(l -> l.startsWith("        ") ? l.substring(8) : l)
                .collect(Collectors.joining("\n")).strip());
    }

    @Test
    void readmeExample() throws IOException {
        // README:begin
        SrmNeuron neuron = SrmNeuron.MNIST;                              // T = 5, tau_m 5, tau_s 3, tau_grad 2.5
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
            .seed(42).updater(new ReferenceAdam(5e-4)).miniBatch(false)  // losses are sums over the batch, as in the paper
            .constrainWeights(new WeightClamp(4))
            .list()
            .layer(new SpikingConv2D.Builder().nOut(15).kernelSize(5).neuron(neuron).weightDecay(0.05, true).build())
            .layer(new SpikePooling2D.Builder().kernelSize(2).build())
            .layer(new SpikingConv2D.Builder().nOut(40).kernelSize(5).neuron(neuron).build())
            .layer(new SpikePooling2D.Builder().kernelSize(2).build())
            .layer(new SpikingDense.Builder().nOut(300).neuron(neuron).build())
            .layer(new SpikingOutputLayer.Builder(new EnhancedCountLoss(TargetCounts.MNIST)).nOut(10).neuron(neuron).build())
            .setInputType(SpikeInputType.staticImage(28, 28, 1))
            .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.addListeners(new GradientNormClip(1000));

        DataSetIterator train = IdxDataSetIterator.builder(Path.of("datasets/mnist"), Split.TRAIN)
            .batchSize(50).shuffle(42).limit(1000).build();              // the first 1,000 images: drop limit for all
        ThresholdInitializer.run(net, train.next().getFeatures(), ThresholdInitializer.Config.of(0.6));
        train.reset();
        net.fit(train, 1);
        Evaluation eval = net.evaluate(IdxDataSetIterator.builder(Path.of("datasets/mnist"), Split.TEST)
            .batchSize(50).limit(500).build());
        // README:end
        assertTrue(eval.accuracy() > 0.5, "accuracy " + eval.accuracy());
    }
}
