package org.spiketime4j.layers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Rejects a configuration in which a stock DL4J layer reads the spikes of a trainable spiking layer directly.
 *
 * <p>The gradient that a stock (rate-based) layer returns for its input is dL/ds, the gradient with respect to
 * a spike count; the spiking layers read the gradient at their output as dL/dt, the gradient with respect to a
 * spike time, which has the opposite sign ({@link org.spiketime4j.loss.RateToTime}). A stock layer on spikes
 * would therefore train the spiking layers below it in the wrong direction, silently. {@link RateToTimeLayer}
 * between them converts the gradient. Spikes of frozen layers ({@code FrozenLayer}, which pass no gradient) may
 * feed stock layers directly.
 *
 * <p>DL4J's builders have no hook through which a layer sees the layer that reads its output, so the check runs
 * on the whole configuration: call it after {@code build()}; {@code ThresholdInitializer.run} calls it on every
 * network it initialises.
 *
 * <p>Example: {@code DocExamplesTest#spikeFlowCheck}.
 */
public final class SpikeFlow {

    private SpikeFlow() {
    }

    /**
     * What flows out of a layer or vertex.
     *
     * @param spikes    whether the output is spikes of a spiking layer
     * @param trainable whether the gradient at that output reaches a trainable spiking layer
     * @param source    the spiking layer the spikes come from, for messages
     */
    private record Flow(boolean spikes, boolean trainable, String source) {
        static final Flow DATA = new Flow(false, false, null);

        Flow or(Flow o) {
            return new Flow(spikes || o.spikes, trainable || o.trainable, source != null ? source : o.source);
        }
    }

    /**
     * Checks a network's configuration.
     *
     * @param model a MultiLayerNetwork or a ComputationGraph (other models pass unchecked)
     * @throws IllegalArgumentException if a stock layer reads the spikes of a trainable spiking layer
     */
    public static void check(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            check(net.getLayerWiseConfigurations());
        } else if (model instanceof ComputationGraph graph) {
            check(graph.getConfiguration());
        }
    }

    /**
     * @param conf a list configuration
     * @throws IllegalArgumentException if a stock layer reads the spikes of a trainable spiking layer
     */
    public static void check(MultiLayerConfiguration conf) {
        Flow in = Flow.DATA;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            in = through(conf.getConf(i).getLayer(), in, "layer " + i);
        }
    }

    /**
     * @param conf a graph configuration
     * @throws IllegalArgumentException if a stock layer reads the spikes of a trainable spiking layer
     */
    public static void check(ComputationGraphConfiguration conf) {
        Map<String, Flow> done = new HashMap<>();
        for (String name : conf.getVertices().keySet()) {
            flow(conf, name, done);
        }
    }

    private static Flow flow(ComputationGraphConfiguration conf, String name, Map<String, Flow> done) {
        Flow known = done.get(name);
        if (known != null) {
            return known;
        }
        Flow in = Flow.DATA;
        List<String> inputs = conf.getVertexInputs().get(name);
        if (inputs != null) {
            for (String i : inputs) {
                in = in.or(flow(conf, i, done));
            }
        }
        GraphVertex v = conf.getVertices().get(name);
        boolean frozen = v instanceof FrozenVertex;
        if (frozen) {
            v = ((FrozenVertex) v).getUnderlying();
        }
        Flow out;
        if (v == null) {
            out = Flow.DATA;                                               // a network input
        } else if (v instanceof LayerVertex lv) {
            out = through(lv.getLayerConf().getLayer(), in, "vertex '" + name + "'");
        } else {
            out = frozen ? new Flow(in.spikes(), false, in.source()) : in; // merge, subset, element-wise...
        }
        done.put(name, out);
        return out;
    }

    /** The flow out of one layer given the flow into it; throws for a stock layer on trainable spikes. */
    private static Flow through(Layer layer, Flow in, String where) {
        boolean passesGradient = !(layer instanceof FrozenLayer);
        Layer inner = unwrap(layer);
        String name = where + " (" + inner.getClass().getSimpleName()
                + (inner.getLayerName() == null ? "" : " '" + inner.getLayerName() + "'") + ")";
        boolean frozen = inner != layer;
        if (inner instanceof SpikingOutputLayer || inner instanceof RateToTimeLayer) {
            return new Flow(false, passesGradient && (!frozen || in.trainable()), null);
        }
        if (inner instanceof SpikingWeightLayer) {
            return new Flow(true, passesGradient && (!frozen || in.trainable()), name);
        }
        if (inner instanceof SpikePooling2D) {
            return new Flow(in.spikes(), passesGradient && in.trainable(), in.source());
        }
        if (in.spikes() && in.trainable()) {
            throw new IllegalArgumentException(name + " is a stock layer reading the spikes of " + in.source()
                    + " directly: the gradient it returns is dL/ds (rate), and the spiking layers would read it as "
                    + "dL/dt (time) and train in the wrong direction. Put new RateToTimeLayer.Builder().build() "
                    + "between them (or freeze the spiking layers with FrozenLayer)");
        }
        return new Flow(false, passesGradient && in.trainable(), null);
    }

    private static Layer unwrap(Layer layer) {
        Layer l = layer;
        while (true) {
            if (l instanceof FrozenLayer f) {
                l = f.getLayer();
            } else if (l instanceof BaseWrapperLayer w) {
                l = w.getUnderlying();
            } else {
                return l;
            }
        }
    }
}
