package org.spiketime4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.spiketime4j.data.IdxDataset;
import org.spiketime4j.data.Split;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.layers.SpikingWeightLayerImpl;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.NetworkSpec;
import org.spiketime4j.train.OptimiserSettings;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.ThresholdInitializer;

/**
 * Checks the {@code train_steps} kind: the network of the case (read from its weight shapes by
 * {@link TrainStepsNetwork}; the bundled case is 4C5-AP4-20-10) built with {@link SpikingNetworks} in double
 * precision, threshold initialisation, then the case's {@code fit} steps on MNIST training images, compared
 * parameter by parameter. MNIST is read
 * from the folder named by the system property {@code spiketime.mnist.dir}, else
 * {@code $spiketime.home/datasets/mnist}, else {@code datasets/mnist}.
 */
final class TrainStepsCaseCheck implements CaseCheck {

    private static final String[] PARAM_NAMES = {"weight", "gamma", "beta", "threshold"};
    private static final String[] PARAM_KEYS = {SpikingParamInitializer.WEIGHT, SpikingParamInitializer.GAMMA,
            SpikingParamInitializer.BETA, SpikingParamInitializer.THRESHOLD};

    @Override
    public String kind() {
        return "train_steps";
    }

    static Path mnistDir() {
        String explicit = System.getProperty("spiketime.mnist.dir");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String home = System.getProperty("spiketime.home");
        Path p = home != null ? Path.of(home, "datasets", "mnist") : Path.of("datasets", "mnist");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("MNIST folder not found at " + p.toAbsolutePath()
                    + " (set -Dspiketime.mnist.dir)");
        }
        return p;
    }

    /** Features in double precision, normalised as the case says, and one-hot labels. */
    private static DataSet batch(IdxDataset mnist, int[] indices, double mean, double std) {
        INDArray x = Nd4j.create(DataType.DOUBLE, indices.length, 1, mnist.rows(), mnist.cols());
        INDArray y = Nd4j.zeros(DataType.DOUBLE, indices.length, IdxDataset.NUM_CLASSES);
        for (int n = 0; n < indices.length; n++) {
            for (int r = 0; r < mnist.rows(); r++) {
                for (int c = 0; c < mnist.cols(); c++) {
                    x.putScalar(new long[]{n, 0, r, c}, (mnist.pixel(indices[n], r, c) / 255.0 - mean) / std);
                }
            }
            y.putScalar(n, mnist.label(indices[n]), 1.0);
        }
        return new DataSet(x, y);
    }

    @Override
    public void check(ConformanceCase c, Comparison cmp) {
        IdxDataset mnist;
        try {
            mnist = IdxDataset.load(mnistDir(), Split.TRAIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int batch = c.integer("batch");
        double mean = c.spec().get("normalization").get(0).asDouble();
        double std = c.spec().get("normalization").get(1).asDouble();
        int[] order = c.array("batch_indices").toIntVector();
        Preset preset = preset(c, TrainStepsNetwork.infer(c.spec(), mnist.rows(), mnist.cols()).spec(), batch);
        MultiLayerNetwork net = SpikingNetworks.create(preset, 0, DataType.DOUBLE);
        List<SpikingWeightLayerImpl<?>> weightLayers = new ArrayList<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof SpikingWeightLayerImpl<?> s) {
                weightLayers.add(s);
            }
        }
        setParams(c, "init", weightLayers);
        ThresholdInitializer.run(net, batch(mnist, slice(order, 0, batch), mean, std).getFeatures(),
                ThresholdInitializer.Config.of(preset.avgSpikeInit()));
        compareParams(c, cmp, "after_threshold_init", weightLayers);

        GradientCapture capture = new GradientCapture(weightLayers);
        net.addListeners(capture);
        SpikingOutputLayerImpl out = (SpikingOutputLayerImpl) net.getOutputLayer();
        INDArray losses = c.array("losses");
        for (int s = 0; s < c.integer("steps"); s++) {
            net.fit(batch(mnist, slice(order, batch * (s + 1), batch), mean, std));
            String p = "step" + s + "_";
            SpikingOutputLayerImpl.TrainingStep step = out.lastTrainingStep();
            cmp.exact(p + "output_spikes_raw", c.array(p + "output_spikes_raw"), SpikeLayout.toTimeMajor(step.rawSpikes()));
            cmp.exact(p + "output_spikes", c.array(p + "output_spikes"), SpikeLayout.toTimeMajor(step.supervisedSpikes()));
            cmp.close(p + "loss", losses.getDouble(s), step.loss());
            for (int l = 0; l < weightLayers.size(); l++) {
                String q = p + "L" + l + "_";
                cmp.close(q + "grad_weight", c.array(q + "grad_weight"), capture.weights.get(l));
                cmp.close(q + "grad_gamma", c.array(q + "grad_gamma"), capture.gammas.get(l).reshape(-1));
            }
            compareParams(c, cmp, "after_step" + s, weightLayers);
        }
    }

    /**
     * The training settings of the case: network from its shapes ({@link TrainStepsNetwork}), T and the neuron,
     * loss and targets from {@code loss} (e.g. "count+ (D=5, U=1)"), learning rate and weight decays from
     * {@code optimizer} (e.g. "AdamW lr 5e-4, ...; weight group wd 0.05; gamma/beta group wd 0.001"); a setting
     * the text does not give keeps the paper's MNIST value.
     */
    static Preset preset(ConformanceCase c, NetworkSpec network, int batch) {
        JsonNode neuron = c.spec().get("neuron");
        double tauSyn = neuron.get("tau_s").asDouble();
        String loss = c.has("loss") ? c.text("loss") : "count+ (D=5, U=1)";
        LossKind kind = LossKind.fromName(loss.trim().split("[\\s(]")[0]);
        String opt = c.has("optimizer") ? c.text("optimizer") : "";
        return Preset.builder("train_steps", Preset.DatasetKind.MNIST)
                .network(network)
                .neuron(new SrmNeuron(c.integer("T"), neuron.get("tau_m").asDouble(), tauSyn, neuron.get("tau_grad").asDouble()))
                .loss(kind)
                .targets(new TargetCounts(find(loss, "D\\s*=\\s*", 5), find(loss, "U\\s*=\\s*", 1)))
                .optimiser(OptimiserSettings.builder().learningRate(find(opt, "lr\\s+", 5e-4))
                        .weightDecay(find(opt, "weight group wd\\s+", 0.05))
                        .weightDecayNorm(find(opt, "gamma/beta group wd\\s+", 0.001))
                        .gradClipNorm(c.number("grad_clip_norm")).weightClamp(c.number("weight_clamp")).build())
                .epochs(1)
                .batchSize(batch)
                .avgSpikeInit(c.spec().get("threshold_init").get("avg_spike_init").asDouble())
                .build();
    }

    /** The number after {@code prefix} in {@code text}, or {@code fallback}. */
    private static double find(String text, String prefix, double fallback) {
        Matcher m = Pattern.compile(prefix + "([-+0-9.eE]+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : fallback;
    }

    private static int[] slice(int[] a, int from, int len) {
        return java.util.Arrays.copyOfRange(a, from, from + len);
    }

    private static void setParams(ConformanceCase c, String prefix, List<SpikingWeightLayerImpl<?>> layers) {
        for (int l = 0; l < layers.size(); l++) {
            for (int k = 0; k < PARAM_NAMES.length; k++) {
                INDArray target = layers.get(l).getParam(PARAM_KEYS[k]);
                target.assign(c.array(prefix + "_L" + l + "_" + PARAM_NAMES[k]).reshape(target.shape()));
            }
        }
    }

    private static void compareParams(ConformanceCase c, Comparison cmp, String prefix,
                                      List<SpikingWeightLayerImpl<?>> layers) {
        for (int l = 0; l < layers.size(); l++) {
            for (int k = 0; k < PARAM_NAMES.length; k++) {
                String name = prefix + "_L" + l + "_" + PARAM_NAMES[k];
                INDArray expected = c.array(name);
                cmp.close(name, expected, layers.get(l).getParam(PARAM_KEYS[k]).reshape(expected.shape()));
            }
        }
    }

    /** Copies the raw gradients of W and gamma before the updater turns them into updates. */
    private static final class GradientCapture extends BaseTrainingListener {
        private final List<SpikingWeightLayerImpl<?>> layers;
        final List<INDArray> weights = new ArrayList<>();
        final List<INDArray> gammas = new ArrayList<>();

        GradientCapture(List<SpikingWeightLayerImpl<?>> layers) {
            this.layers = layers;
        }

        @Override
        public void onGradientCalculation(Model model) {
            weights.clear();
            gammas.clear();
            for (SpikingWeightLayerImpl<?> l : layers) {
                weights.add(model.gradient().getGradientFor(l.getIndex() + "_" + SpikingParamInitializer.WEIGHT).dup());
                gammas.add(model.gradient().getGradientFor(l.getIndex() + "_" + SpikingParamInitializer.GAMMA).dup());
            }
        }
    }
}
