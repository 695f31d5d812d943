package org.spiketime4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.layers.SpikingWeightLayer;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * A network in the paper's notation, layers separated by {@code -}: {@code 15C5} is a spiking conv
 * layer with 15 channels and a 5x5 kernel ({@code 12C5p1}: padding 1), {@code AP2} adjusted average
 * pooling 2x2, a plain number a spiking dense layer; the last token must be a number, the output layer.
 *
 * <p>Example: {@code DocExamplesTest#networkSpec}.
 *
 * @param text the specification as written
 */
public record NetworkSpec(String text) {

    private static final Pattern CONV = Pattern.compile("(\\d+)C(\\d+)(?:p(\\d+))?");
    private static final Pattern POOL = Pattern.compile("AP(\\d+)");
    private static final Pattern DENSE = Pattern.compile("(?:FC)?(\\d+)");

    /** Validates the text by building the layer list once. */
    public NetworkSpec {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("network spec must not be empty");
        }
        String[] tokens = text.split("-");
        for (String t : tokens) {
            if (!CONV.matcher(t).matches() && !POOL.matcher(t).matches() && !DENSE.matcher(t).matches()) {
                throw new IllegalArgumentException("network spec '" + text + "': unknown layer '" + t
                        + "' (expected NC K[pP] for conv, APk for pooling, N or FCN for dense)");
            }
        }
        if (!DENSE.matcher(tokens[tokens.length - 1]).matches()) {
            throw new IllegalArgumentException("network spec '" + text + "': the last layer must be dense (the output)");
        }
    }

    /**
     * @param text the specification
     * @return the parsed spec
     */
    public static NetworkSpec parse(String text) {
        return new NetworkSpec(text);
    }

    /** @return the number of output classes (the last layer's width) */
    public int outputs() {
        String[] tokens = text.split("-");
        Matcher m = DENSE.matcher(tokens[tokens.length - 1]);
        m.matches();
        return Integer.parseInt(m.group(1));
    }

    /**
     * @param neuron the neuron constants of every spiking layer
     * @param loss   the output layer's loss
     * @return the DL4J layer configurations, input to output, without weight decay
     */
    public List<Layer> layers(SrmNeuron neuron, ILossFunction loss) {
        return layers(neuron, loss, 0, 0);
    }

    /**
     * The first layer, fed by the network's input, computes no input gradient ({@code inputGradient(false)}):
     * nothing below it reads one. Weight decay is set on each layer rather than globally: in DL4J 1.0.0-M2.1 a global
     * {@code weightDecay(...)} is added to every layer twice (NeuralNetConfiguration.configureLayer and
     * LayerValidation both append it), which doubles the decay.
     *
     * @param neuron          the neuron constants of every spiking layer
     * @param loss            the output layer's loss
     * @param weightDecay     decoupled weight decay of the raw weights (0 for none)
     * @param weightDecayNorm decoupled weight decay of gamma and beta (0 for none)
     * @return the DL4J layer configurations, input to output
     */
    public List<Layer> layers(SrmNeuron neuron, ILossFunction loss, double weightDecay, double weightDecayNorm) {
        String[] tokens = text.split("-");
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            Matcher conv = CONV.matcher(t);
            Matcher pool = POOL.matcher(t);
            Matcher dense = DENSE.matcher(t);
            if (conv.matches()) {
                out.add(decay(new SpikingConv2D.Builder().nOut(Integer.parseInt(conv.group(1)))
                        .kernelSize(Integer.parseInt(conv.group(2)))
                        .padding(conv.group(3) == null ? 0 : Integer.parseInt(conv.group(3))), weightDecay,
                        weightDecayNorm).neuron(neuron).inputGradient(i > 0).build());
            } else if (pool.matches()) {
                out.add(new SpikePooling2D.Builder().kernelSize(Integer.parseInt(pool.group(1))).build());
            } else if (dense.matches() && i == tokens.length - 1) {
                out.add(decay(new SpikingOutputLayer.Builder(loss), weightDecay, weightDecayNorm)
                        .nOut(Integer.parseInt(dense.group(1))).neuron(neuron).inputGradient(i > 0).build());
            } else {
                dense.matches();
                out.add(decay(new SpikingDense.Builder(), weightDecay, weightDecayNorm)
                        .nOut(Integer.parseInt(dense.group(1))).neuron(neuron).inputGradient(i > 0).build());
            }
        }
        return out;
    }

    private static <B extends SpikingWeightLayer.Builder<B>> B decay(B builder, double wd, double wdNorm) {
        if (wd > 0) {
            builder.weightDecay(wd, true);
        }
        if (wdNorm > 0) {
            builder.weightDecayBias(wdNorm, true);
        }
        return builder;
    }

    @Override
    public String toString() {
        return text;
    }
}
