package org.spiketime4j.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.layers.SpikingWeightLayerImpl;
import org.spiketime4j.neuron.Readout;

/**
 * A training listener for a MultiLayerNetwork or a ComputationGraph (the first spiking output layer counts) that keeps the statistics of the current epoch (loss, running accuracy from the
 * output spikes before the supervisory spike, spikes per neuron of every spiking layer, the summed
 * spike-time gradient at the output) and draws a progress bar.
 *
 * <p>Example: {@code DocExamplesTest#trainingLoop}.
 */
public final class TrainingMonitor extends BaseTrainingListener {

    /**
     * Statistics of one epoch so far.
     *
     * @param batches          batches seen
     * @param examples         examples seen
     * @param meanLoss         loss per example (the loss is a sum over the batch)
     * @param accuracy         running training accuracy
     * @param spikesPerNeuron  per spiking layer (input to output): spikes per neuron per example over T steps
     * @param outputGradSum    summed spike-time gradient at the output, per example
     * @param seconds          wall time since the epoch started
     *                         (Serializable: Spark executors send the statistics of their batches to the driver)
     */
    public record EpochStats(long batches, long examples, double meanLoss, double accuracy, double[] spikesPerNeuron,
                             double outputGradSum, double seconds) implements java.io.Serializable {
    }

    private final long batchesPerEpoch;
    private final PrintStream progress;
    private final boolean interactive = System.console() != null;
    private long batches;
    private long examples;
    private double lossSum;
    private long correct;
    private double gradSum;
    private double[] spikeSums = new double[0];
    private long[] spikeNeurons = new long[0];
    private long startNanos = System.nanoTime();
    private int lastPrintedPercent = -1;
    private int epoch;

    /**
     * @param batchesPerEpoch batches in one epoch (for the bar)
     * @param progress        where the bar goes (null for none)
     */
    public TrainingMonitor(long batchesPerEpoch, PrintStream progress) {
        this.batchesPerEpoch = batchesPerEpoch;
        this.progress = progress;
    }

    @Override
    public void onEpochStart(Model model) {
        batches = 0;
        examples = 0;
        lossSum = 0;
        correct = 0;
        gradSum = 0;
        spikeSums = new double[0];
        spikeNeurons = new long[0];
        startNanos = System.nanoTime();
        lastPrintedPercent = -1;
        if (model instanceof MultiLayerNetwork n) {
            epoch = n.getEpochCount();
        } else if (model instanceof ComputationGraph g) {
            epoch = g.getEpochCount();
        }
    }

    /** MultiLayerNetwork: the activations of the layers below the output layer. */
    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (!(model instanceof MultiLayerNetwork net)) {
            return;
        }
        Layer[] layers = net.getLayers();
        int spiking = 0;
        for (int i = 0; i + 1 < activations.size() && i < layers.length; i++) {
            if (isHiddenSpiking(layers[i])) {
                addSpikes(spiking++, activations.get(i + 1));
            }
        }
    }

    /** ComputationGraph: the activations of every vertex, by name; the spiking layers are read in topological order. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        if (!(model instanceof ComputationGraph graph)) {
            return;
        }
        int spiking = 0;
        for (Layer layer : layersInOrder(graph)) {
            INDArray a = activations.get(layer.conf().getLayer().getLayerName());
            if (isHiddenSpiking(layer) && a != null) {
                addSpikes(spiking++, a);
            }
        }
    }

    private static boolean isHiddenSpiking(Layer layer) {
        return layer instanceof SpikingWeightLayerImpl<?> && !(layer instanceof SpikingOutputLayerImpl);
    }

    private void addSpikes(int layer, INDArray spikes) {
        add(layer, SpikeLayout.sumFromStep(spikes, 0), spikes.length() / spikes.size(2));
    }

    /** The layers of a model, in layer order for a MultiLayerNetwork and topological order for a graph. */
    private static List<Layer> layersInOrder(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return List.of(net.getLayers());
        }
        List<Layer> layers = new ArrayList<>();
        if (model instanceof ComputationGraph graph) {
            GraphVertex[] vertices = graph.getVertices();
            for (int i : graph.topologicalSortOrder()) {
                if (vertices[i].hasLayer()) {
                    layers.add(vertices[i].getLayer());
                }
            }
        }
        return layers;
    }

    private void add(int layer, double spikes, long neurons) {
        if (layer >= spikeSums.length) {
            spikeSums = java.util.Arrays.copyOf(spikeSums, layer + 1);
            spikeNeurons = java.util.Arrays.copyOf(spikeNeurons, layer + 1);
        }
        spikeSums[layer] += spikes;
        spikeNeurons[layer] += neurons;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epochNow) {
        List<Layer> layers = layersInOrder(model);
        SpikingOutputLayerImpl out = null;
        int hiddenLayers = 0;
        for (Layer l : layers) {
            if (l instanceof SpikingOutputLayerImpl o) {
                out = out == null ? o : out;
            } else if (isHiddenSpiking(l)) {
                hiddenLayers++;
            }
        }
        SpikingOutputLayerImpl.TrainingStep step = out == null ? null : out.lastTrainingStep();
        if (step == null) {
            return;
        }
        long mb = step.rawSpikes().size(0);
        batches++;
        examples += mb;
        lossSum += step.loss();
        gradSum += step.gradientSum();
        INDArray predicted = Readout.scores(step.rawSpikes()).argMax(1);
        correct += predicted.eq(step.labels().argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        add(hiddenLayers, step.rawSpikes().sumNumber().doubleValue(), step.rawSpikes().length() / step.rawSpikes().size(2));
        draw();
    }

    /**
     * Adds the statistics of batches trained in another process (a Spark executor) to the current epoch and
     * redraws the bar. Spike counts are averaged with the examples as weights, so a monitor should be fed either
     * by this method or by its listener callbacks within one epoch, not both.
     *
     * @param part statistics of some batches, as {@link #snapshot} returns them
     */
    public synchronized void add(EpochStats part) {
        batches += part.batches();
        examples += part.examples();
        lossSum += part.meanLoss() * part.examples();
        correct += Math.round(part.accuracy() * part.examples());
        gradSum += part.outputGradSum() * part.examples();
        for (int i = 0; i < part.spikesPerNeuron().length; i++) {
            add(i, part.spikesPerNeuron()[i] * part.examples(), part.examples());
        }
        draw();
    }

    /** @return the statistics of the epoch so far */
    public EpochStats snapshot() {
        double[] perNeuron = new double[spikeSums.length];
        for (int i = 0; i < perNeuron.length; i++) {
            perNeuron[i] = spikeNeurons[i] == 0 ? 0 : spikeSums[i] / spikeNeurons[i];
        }
        long n = Math.max(1, examples);
        return new EpochStats(batches, examples, lossSum / n, (double) correct / n, perNeuron, gradSum / n,
                (System.nanoTime() - startNanos) / 1e9);
    }

    private void draw() {
        if (progress == null) {
            return;
        }
        int percent = (int) (100 * batches / Math.max(1, batchesPerEpoch));
        boolean last = batches == batchesPerEpoch;
        if (!interactive && percent / 10 == lastPrintedPercent / 10 && !last) {
            return;
        }
        lastPrintedPercent = percent;
        EpochStats s = snapshot();
        int width = 30;
        int filled = (int) Math.min(width, width * batches / Math.max(1, batchesPerEpoch));
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String line = String.format("epoch %d [%s] %d/%d  loss %.4f  acc %.4f  %.1f samples/s  %.3f s/batch",
                epoch + 1, bar, batches, batchesPerEpoch, s.meanLoss(), s.accuracy(), s.examples() / s.seconds(),
                s.seconds() / Math.max(1, s.batches()));
        progress.print(interactive ? "\r" + line + (last ? "\n" : "") : line + "\n");
        progress.flush();
    }
}
