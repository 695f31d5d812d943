package org.spiketime4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.SpikingNetworks;

/** The benchmark's statistics, the stock network's shapes and the report's derived numbers. */
class BenchmarkPiecesTest {

    @Test
    void percentilesInterpolateBetweenSortedSamples() {
        Timings t = Timings.of(new double[]{4, 1, 3, 2});
        // sorted 1 2 3 4: position p/100 * 3
        assertEquals(2.5, t.median(), 1e-12);
        assertEquals(1.3, t.p10(), 1e-12);
        assertEquals(3.7, t.p90(), 1e-12);
        assertEquals(1, t.min());
        assertEquals(4, t.max());
        assertEquals(2.5, t.mean(), 1e-12);
        assertEquals(4, t.count());
        Timings odd = Timings.of(new double[]{11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6});
        assertEquals(6, odd.median(), 1e-12);
        assertEquals(2, odd.p10(), 1e-12);
        assertEquals(10, odd.p90(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Timings.of(new double[0]));
    }

    @Test
    void backwardAndUpdateIsTheStepMinusTheForwardOfEachBatch() {
        NetworkTimings t = NetworkTimings.of(new double[]{10, 20, 30}, new double[]{25, 21, 100},
                new double[]{5, 5, 5}, 50);
        // per batch: 15, 1, 70 -> median 15 (not median(step) - median(forward) = 25 - 20 = 5)
        assertEquals(15, t.backwardUpdate().median(), 1e-12);
        assertEquals(1, t.backwardUpdate().min(), 1e-12);
        assertEquals(50 * 1000.0 / 25, t.trainSamplesPerSecond(), 1e-9);
        assertEquals(50 * 1000.0 / 5, t.inferenceSamplesPerSecond(), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> NetworkTimings.of(new double[]{1}, new double[]{1, 2}, new double[]{1}, 50));
    }

    @Test
    void theStockNetworkHasTheSpikingNetworksShapes() {
        Preset p = Presets.MNIST;
        MultiLayerNetwork spiking = SpikingNetworks.create(p, 1, DataType.FLOAT);
        MultiLayerNetwork stock = StockNetworks.equivalent(spiking.getLayerWiseConfigurations(),
                SpikingNetworks.inputType(p), 1, 1e-3);
        // 15C5-AP2-40C5-AP2-300-10
        assertEquals(6, stock.getnLayers());
        ConvolutionLayer c1 = assertInstanceOf(ConvolutionLayer.class, stock.getLayer(0).conf().getLayer());
        assertArrayEquals(new int[]{5, 5}, c1.getKernelSize());
        assertInstanceOf(ActivationReLU.class, c1.getActivationFn());
        SubsamplingLayer pool = assertInstanceOf(SubsamplingLayer.class, stock.getLayer(1).conf().getLayer());
        assertEquals(PoolingType.AVG, pool.getPoolingType());
        assertArrayEquals(new int[]{2, 2}, pool.getStride());
        assertInstanceOf(DenseLayer.class, stock.getLayer(4).conf().getLayer());
        OutputLayer out = assertInstanceOf(OutputLayer.class, stock.getLayer(5).conf().getLayer());
        assertInstanceOf(ActivationSoftmax.class, out.getActivationFn());
        assertInstanceOf(LossMCXENT.class, out.getLossFn());
        // every weight layer: the spiking layer's raw weight shape, conv [out, in, kh, kw] in both,
        // dense [out, in] in the spiking layer and [in, out] in DL4J's
        for (int i : new int[]{0, 2}) {
            assertArrayEquals(spiking.getLayer(i).getParam(SpikingParamInitializer.WEIGHT).shape(),
                    stock.getLayer(i).getParam("W").shape(), "layer " + i);
        }
        for (int i : new int[]{4, 5}) {
            long[] w = spiking.getLayer(i).getParam(SpikingParamInitializer.WEIGHT).shape();
            assertArrayEquals(new long[]{w[1], w[0]}, stock.getLayer(i).getParam("W").shape(), "layer " + i);
        }
        Nd4j.getRandom().setSeed(91);
        INDArray y = stock.output(Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28));
        assertArrayEquals(new long[]{3, 10}, y.shape());
    }

    @Test
    void eventFramesAreSummedOverTimeForTheStockNetwork() {
        INDArray frames = Nd4j.arange(2 * 2 * 3 * 2 * 2).castTo(DataType.FLOAT).reshape(2, 2, 3, 2, 2);
        INDArray images = StockNetworks.stockFeatures(frames);
        assertArrayEquals(new long[]{2, 2, 2, 2}, images.shape());
        // sample 1, channel 0, pixel (1, 0): elements 24 + 4*t + 2 for t = 0..2
        assertEquals(26 + 30 + 34, images.getDouble(1, 0, 1, 0), 0);
        Nd4j.getRandom().setSeed(102);
        INDArray img = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4);
        assertTrue(img == StockNetworks.stockFeatures(img));
        assertThrows(IllegalArgumentException.class, () -> StockNetworks.stockFeatures(Nd4j.rand(DataType.FLOAT, 2, 3)));
        Preset n = Presets.NMNIST;
        MultiLayerNetwork stock = StockNetworks.equivalent(SpikingNetworks.configuration(n, 1, DataType.FLOAT),
                SpikingNetworks.inputType(n), 1, 1e-3);
        INDArray x = StockNetworks.stockFeatures(Nd4j.rand(DataType.FLOAT, 2, 2, n.neuron().timeSteps(), 34, 34));
        assertArrayEquals(new long[]{2, 10}, stock.output(x).shape());
    }

    @Test
    void memoryGrowthIsFromTheMiddleToTheEndAndThePeakCoversEverySample() {
        Timings t = Timings.of(new double[]{1});
        NetworkTimings nt = new NetworkTimings(t, t, t, t, 1);
        List<MemorySample> perBatch = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            perBatch.add(new MemorySample(i, 2, 3, 4, 1000 + 10L * i));
        }
        MemorySample start = new MemorySample(1, 50, 3, 4, 100);
        MemorySample middle = new MemorySample(7, 2, 3, 5, 900);
        MemorySample end = new MemorySample(9, 2, 3, 4, 930);
        BenchmarkReport r = new BenchmarkReport("p", "n", 5, 1, 20, new BenchmarkReport.Warmup(0, false, -1), "b", "none", new ThreadSettings("1", "PASSIVE", "4", 1, 1, 1, 1, 2),
                0, 0, 1, nt, nt, nt, nt, 30, 30, start, middle, end, perBatch);
        assertEquals(30, r.residentGrowth());
        assertEquals(2, r.heapGrowth());
        assertEquals(new MemorySample(19, 50, 3, 5, 1190), r.memoryPeak());
        assertEquals(1.0, r.stepRatio(), 0);
        assertTrue(r.toTable().contains("resident +0.0 MB"), r.toTable());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkConfig(Presets.MNIST, null, 0, 1, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkConfig(Presets.MNIST, null, 8, 0, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkConfig(Presets.MNIST, null, 8, 1, -1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkConfig(Presets.MNIST, null, 8, 1, 3, 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkConfig(Presets.MNIST, null, 8, 1, 0, 0, -2, 1));
        assertThrows(IllegalArgumentException.class, () -> new WarmupGate(2, 1));
    }

    @Test
    void warmupEndsOnceCompilationFallsBelowItsShareOfTheLastBatches() {
        WarmupGate gate = new WarmupGate(3, 100);
        int window = WarmupGate.WINDOW;
        for (int i = 0; i < 30; i++) {                  // compiling hard: 30% of the time
            assertTrue(gate.needsMore());
            gate.record(100, 30);
        }
        assertFalse(gate.settled());
        double quiet = 100 * WarmupGate.SETTLED_SHARE_PERCENT / 100.0;   // exactly at the limit
        for (int i = 0; i < window - 1; i++) {          // the window still holds a compiling batch
            gate.record(100, quiet);
            assertTrue(gate.needsMore(), "batch " + i);
        }
        gate.record(100, quiet);
        assertTrue(gate.settled());
        assertFalse(gate.needsMore());
        assertEquals(30 + window, gate.batches());
    }

    @Test
    void warmupRunsItsMinimumAndStopsAtItsMaximum() {
        WarmupGate atLeast = new WarmupGate(2 * WarmupGate.WINDOW, 100);
        for (int i = 0; i < 2 * WarmupGate.WINDOW; i++) {
            assertTrue(atLeast.needsMore());
            atLeast.record(100, 0);                     // settled from the first window on
        }
        assertFalse(atLeast.needsMore());
        WarmupGate capped = new WarmupGate(0, 4);
        for (int i = 0; i < 4; i++) {
            assertTrue(capped.needsMore());
            capped.record(100, 50);
        }
        assertFalse(capped.needsMore());
        assertFalse(capped.settled());
        assertFalse(new WarmupGate(0, 0).needsMore());
        WarmupGate unknown = new WarmupGate(0, 3);     // the JVM reports no compile time: never settled
        for (int i = 0; i < 3; i++) {
            unknown.record(100, Double.NaN);
        }
        assertFalse(unknown.settled());
        assertFalse(unknown.needsMore());
    }
}
