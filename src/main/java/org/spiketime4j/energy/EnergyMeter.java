package org.spiketime4j.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.neuron.Readout;

/**
 * Counts, during inference on real inputs, what each layer of a spiking network does per sample: spikes per
 * neuron, synaptic operations, multiply-accumulates, and the multiply-accumulates of an ANN of the same shapes
 * (the rules are in {@link LayerEnergy}). Each batch goes through the network once, layer by layer; the output
 * it returns is the network's readout, so the same pass can feed an {@code Evaluation}.
 *
 * <p>Example: {@code DocExamplesTest#energyMeter}.
 *
 * <p>Supported layers: {@link SpikingConv2D}, {@link SpikePooling2D}, {@link SpikingDense} and the
 * {@code SpikingOutputLayer} as the last layer. Not thread-safe.
 */
public final class EnergyMeter {

    private final MultiLayerNetwork net;
    private final Layer[] confs;
    private final double[] spikes;
    private final double[] synapticOps;
    private final double[] macs;
    private final double[] annMacs;
    private final long[] neurons;
    private long samples;

    /**
     * @param net an initialised network of supported layers ending in a spiking output layer
     * @throws IllegalArgumentException naming the first layer that cannot be counted
     */
    public EnergyMeter(MultiLayerNetwork net) {
        this.net = net;
        int n = net.getnLayers();
        confs = new Layer[n];
        for (int i = 0; i < n; i++) {
            confs[i] = net.getLayer(i).conf().getLayer();
            boolean last = i == n - 1;
            boolean supported = last ? net.getLayer(i) instanceof SpikingOutputLayerImpl
                    : confs[i] instanceof SpikingConv2D || confs[i] instanceof SpikePooling2D
                    || confs[i] instanceof SpikingDense && !(net.getLayer(i) instanceof SpikingOutputLayerImpl);
            if (!supported) {
                throw new IllegalArgumentException("energy: layer " + i + " (" + confs[i].getClass().getSimpleName()
                        + ") cannot be counted; supported: SpikingConv2D, SpikePooling2D, SpikingDense, and a "
                        + "SpikingOutputLayer as the last layer");
            }
        }
        spikes = new double[n];
        synapticOps = new double[n];
        macs = new double[n];
        annMacs = new double[n];
        neurons = new long[n];
    }

    /**
     * Runs one batch through the network (inference) and adds its counts.
     *
     * @param features a batch of inputs, as the network takes them
     * @return the network's output for the batch, {@code [mb, classes]} readout scores (as {@code net.output})
     */
    public INDArray output(INDArray features) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        int mb = (int) features.size(0);
        INDArray x = features;
        double eventsPerUnit = 1;   // input events per unit of x: k^2 behind an average pooling (folded into the weights)
        for (int i = 0; i < confs.length; i++) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                x = pre.preProcess(x, mb, mgr);
            }
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(i);
            if (confs[i] instanceof SpikePooling2D pool) {
                x = layer.activate(x, false, mgr);
                eventsPerUnit *= (double) pool.getKernelSize() * pool.getKernelSize();
                continue;
            }
            if (confs[i] instanceof SpikingConv2D conv) {
                countConv(i, conv, x, eventsPerUnit);
            } else {
                SpikingDense dense = (SpikingDense) confs[i];
                synapticOps[i] += eventsPerUnit * sum(x) * dense.getNOut();
                annMacs[i] = (double) dense.getNIn() * dense.getNOut();
            }
            INDArray out = layer instanceof SpikingOutputLayerImpl o ? o.outputSpikes(x) : layer.activate(x, false, mgr);
            spikes[i] += sum(out);
            neurons[i] = out.length() / (out.size(0) * out.size(2));   // [mb, F, T] or [mb, C, T, H, W]
            x = out;
            eventsPerUnit = 1;
        }
        samples += mb;
        return Readout.scores(x);
    }

    private void countConv(int i, SpikingConv2D conv, INDArray x, double eventsPerUnit) {
        boolean staticImage = x.rank() == 4;   // [mb, C, H, W] once, or [mb, C, T, H, W]
        int h = (int) x.size(x.rank() - 2);
        int w = (int) x.size(x.rank() - 1);
        int[] k = conv.getKernelSize();
        int[] s = conv.getStride();
        int[] p = conv.getPadding();
        long outPositions = (long) ConvFanout.outputSize(h, k[0], s[0], p[0]) * ConvFanout.outputSize(w, k[1], s[1], p[1]);
        annMacs[i] = (double) outPositions * conv.getNOut() * x.size(1) * k[0] * k[1];
        if (staticImage) {
            macs[i] += x.size(0) * annMacs[i];
            return;
        }
        long[][] fanout = ConvFanout.map(h, w, k, s, p, conv.getNOut());
        double[][] perPosition = x.castTo(DataType.DOUBLE).sum(0, 1, 2).toDoubleMatrix();
        double ops = 0;
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                ops += perPosition[y][xx] * fanout[y][xx];
            }
        }
        synapticOps[i] += eventsPerUnit * ops;
    }

    private static double sum(INDArray a) {
        return a.castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    /**
     * @param model per-operation energies
     * @return the counts so far, per sample
     * @throws IllegalStateException if no batch was measured
     */
    public EnergyReport report(EnergyModel model) {
        if (samples == 0) {
            throw new IllegalStateException("energy: no batch measured yet (call output(features) first)");
        }
        List<LayerEnergy> layers = new ArrayList<>();
        for (int i = 0; i < confs.length; i++) {
            boolean pool = confs[i] instanceof SpikePooling2D;
            layers.add(new LayerEnergy(i, describe(confs[i], i == confs.length - 1), neurons[i],
                    pool ? Double.NaN : spikes[i] / ((double) neurons[i] * samples),
                    synapticOps[i] / samples, macs[i] / samples, annMacs[i]));
        }
        return new EnergyReport(layers, samples, model);
    }

    private static String describe(Layer conf, boolean output) {
        if (conf instanceof SpikingConv2D c) {
            int[] k = c.getKernelSize();
            return String.format(Locale.ROOT, "conv %d->%d %dx%d stride %d pad %d", c.getNIn(), c.getNOut(), k[0], k[1],
                    c.getStride()[0], c.getPadding()[0]);
        }
        if (conf instanceof SpikePooling2D p) {
            return "avg pool " + p.getKernelSize() + "x" + p.getKernelSize() + " (folded into next)";
        }
        SpikingDense d = (SpikingDense) conf;
        return (output ? "output " : "dense ") + d.getNIn() + "->" + d.getNOut();
    }

    /**
     * Measures a whole data set.
     *
     * @param net   the network
     * @param data  the inputs (reset first when it can be)
     * @param model per-operation energies
     * @return the report
     */
    public static EnergyReport measure(MultiLayerNetwork net, DataSetIterator data, EnergyModel model) {
        EnergyMeter meter = new EnergyMeter(net);
        if (data.resetSupported()) {
            data.reset();
        }
        while (data.hasNext()) {
            DataSet batch = data.next();
            meter.output(batch.getFeatures());
        }
        return meter.report(model);
    }
}
