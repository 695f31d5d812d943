package org.spiketime4j.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.layers.SpikingWeightLayerImpl;

/**
 * Data-driven threshold initialisation, once before training, on the first training batch, layer by
 * layer: each spiking weight layer sees the output of the already initialised layers below it.
 *
 * <p>For a layer, a scale sigma of its gain gamma is searched by geometric bisection in
 * {@code [low, high]}: run the layer with gamma x sigma; if its average number of spikes per neuron
 * over the steps {@code t >= floor(2T/3)} exceeds {@code avgSpikeInit (T - floor(2T/3)) / T}, then
 * high = sigma, else low = sigma; stop when {@code high / low < stopRatio}. Finally
 * {@code threshold /= } the last sigma tried. No labels are used.
 *
 * <p>Example: {@code DocExamplesTest#trainingLoop}.
 */
public final class ThresholdInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdInitializer.class);

    private ThresholdInitializer() {
    }

    /**
     * Settings of the search.
     *
     * @param avgSpikeInit target spikes per neuron over the whole window, &gt; 0
     * @param low          lower end of the scale search, &gt; 0
     * @param high         upper end of the scale search, &gt; low
     * @param stopRatio    the search stops when high / low falls below this, &gt; 1
     */
    public record Config(double avgSpikeInit, double low, double high, double stopRatio) {

        /** Validates the settings. */
        public Config {
            if (!(avgSpikeInit > 0) || Double.isInfinite(avgSpikeInit)) {
                throw new IllegalArgumentException("avgSpikeInit must be a finite number > 0, got " + avgSpikeInit);
            }
            if (!(low > 0)) {
                throw new IllegalArgumentException("low must be > 0, got " + low);
            }
            if (!(high > low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("high must be finite and > low=" + low + ", got " + high);
            }
            if (!(stopRatio > 1)) {
                throw new IllegalArgumentException("stopRatio must be > 1, got " + stopRatio);
            }
        }

        /**
         * @param avgSpikeInit target spikes per neuron over the window
         * @return the paper's search: [0.01, 100], stop at high/low &lt; 1.01
         */
        public static Config of(double avgSpikeInit) {
            return new Config(avgSpikeInit, 0.01, 100, 1.01);
        }
    }

    /**
     * Initialises the thresholds of every spiking weight layer of a network, MultiLayerNetwork or ComputationGraph
     * (a graph with one input array; use {@link #run(ComputationGraph, INDArray[], Config)} for more).
     *
     * @param model    an initialised MultiLayerNetwork or ComputationGraph
     * @param features a batch of inputs (the first training batch)
     * @param config   the search settings
     * @return the scale chosen for each spiking weight layer, in layer (topological) order
     * @throws IllegalArgumentException for another model type, a network without spiking weight layer, or an
     *                                  empty batch
     */
    public static List<Double> run(Model model, INDArray features, Config config) {
        if (model instanceof MultiLayerNetwork net) {
            return run(net, features, config);
        }
        if (model instanceof ComputationGraph graph) {
            return run(graph, new INDArray[]{features}, config);
        }
        throw new IllegalArgumentException("threshold initialisation takes a MultiLayerNetwork or a ComputationGraph, got "
                + (model == null ? "null" : model.getClass().getName()));
    }

    /**
     * Initialises the thresholds of every spiking weight layer of a MultiLayerNetwork, bottom up.
     *
     * @param net      an initialised network
     * @param features a batch of inputs (the first training batch)
     * @param config   the search settings
     * @return the scale chosen for each spiking weight layer, in layer order
     * @throws IllegalArgumentException if the network has no spiking weight layer or the batch is empty
     */
    public static List<Double> run(MultiLayerNetwork net, INDArray features, Config config) {
        requireBatch(features);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        List<Double> scales = new ArrayList<>();
        INDArray x = features;
        int batch = (int) features.size(0);
        for (int i = 0; i < net.getnLayers(); i++) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                x = pre.preProcess(x, batch, mgr);
            }
            Layer layer = net.getLayer(i);
            if (layer instanceof SpikingWeightLayerImpl<?> spiking) {
                scales.add(initialise(spiking, x, config, String.valueOf(i)));
                x = spiking.spikesWithGain(x, 1.0);
            } else {
                x = layer.activate(x, false, mgr);
            }
        }
        return requireSome(scales);
    }

    /**
     * Initialises the thresholds of every spiking weight layer of a ComputationGraph (branches, merge and other
     * vertices included), in topological order: each layer sees the graph's output at its input with the
     * thresholds below it already set. Frozen layers keep theirs.
     *
     * @param graph    an initialised graph
     * @param features one batch per graph input (the first training batch)
     * @param config   the search settings
     * @return the scale chosen for each spiking weight layer, in topological order
     * @throws IllegalArgumentException if the graph has no spiking weight layer or a batch is empty
     */
    public static List<Double> run(ComputationGraph graph, INDArray[] features, Config config) {
        for (INDArray f : features) {
            requireBatch(f);
        }
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        List<Double> scales = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            if (!v.hasLayer() || !(v.getLayer() instanceof SpikingWeightLayerImpl<?> spiking)) {
                continue;
            }
            GraphVertex below = vertices[v.getInputVertices()[0].getVertexIndex()];
            // the whole graph, once per spiking layer: the layers below it already have their thresholds
            INDArray x = graph.feedForward(features, false).get(below.getVertexName());
            if (v instanceof LayerVertex lv && lv.getLayerPreProcessor() != null) {
                x = lv.getLayerPreProcessor().preProcess(x, (int) x.size(0), mgr);
            }
            scales.add(initialise(spiking, x, config, v.getVertexName()));
        }
        return requireSome(scales);
    }

    private static double initialise(SpikingWeightLayerImpl<?> spiking, INDArray input, Config config, String name) {
        double sigma = searchScale(spiking, input, config);
        spiking.getParam(SpikingParamInitializer.THRESHOLD).divi(sigma);
        LOG.info("threshold init: layer {} scale {}", name, sigma);
        return sigma;
    }

    private static void requireBatch(INDArray features) {
        if (features == null || features.size(0) == 0) {
            throw new IllegalArgumentException("threshold initialisation needs a non-empty batch");
        }
    }

    private static List<Double> requireSome(List<Double> scales) {
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("the network has no spiking weight layer to initialise");
        }
        return scales;
    }

    private static double searchScale(SpikingWeightLayerImpl<?> layer, INDArray input, Config config) {
        double low = config.low();
        double high = config.high();
        double sigma = Math.sqrt(low * high);
        while (high / low >= config.stopRatio()) {
            sigma = Math.sqrt(low * high);
            INDArray spikes = layer.spikesWithGain(input, sigma);
            long steps = spikes.size(2);
            long lateStart = (2 * steps) / 3;
            double target = config.avgSpikeInit() * (steps - lateStart) / steps;
            if (lateSpikesPerNeuron(spikes, lateStart) > target) {
                high = sigma;
            } else {
                low = sigma;
            }
        }
        return sigma;
    }

    /** Spikes per neuron summed over the steps {@code t >= lateStart}, averaged over samples and neurons. */
    private static double lateSpikesPerNeuron(INDArray spikes, long lateStart) {
        double neurons = (double) spikes.length() / spikes.size(2);
        return SpikeLayout.sumFromStep(spikes, lateStart) / neurons;
    }
}
