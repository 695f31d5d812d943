package org.spiketime4j.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of a spiking weight layer, in this order in the flat parameter vector: the raw weight
 * {@code W} ({@link SpikingWeightLayer#weightShape()}, c order), then {@code gamma}, {@code beta} and
 * {@code threshold}, each {@code [1, nOut]}. gamma starts at 1, beta at 0, the threshold at
 * {@link SpikingWeightLayer#getThresholdInit()}.
 */
public final class SpikingParamInitializer implements ParamInitializer {

    /** Key of the raw weight. */
    public static final String WEIGHT = "W";
    /** Key of the weight-standardization gain. */
    public static final String GAMMA = "gamma";
    /** Key of the weight-standardization shift. */
    public static final String BETA = "beta";
    /** Key of the firing threshold (not trained by the optimiser). */
    public static final String THRESHOLD = "threshold";

    /** The shared instance. */
    public static final SpikingParamInitializer INSTANCE = new SpikingParamInitializer();

    private static final List<String> KEYS = List.of(WEIGHT, GAMMA, BETA, THRESHOLD);

    private SpikingParamInitializer() {
    }

    private static SpikingWeightLayer spiking(Object layer) {
        if (!(layer instanceof SpikingWeightLayer s)) {
            throw new IllegalArgumentException("not a spiking weight layer: " + layer);
        }
        return s;
    }

    private static long weightCount(SpikingWeightLayer l) {
        long n = 1;
        for (long d : l.weightShape()) {
            n *= d;
        }
        return n;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
        SpikingWeightLayer l = spiking(layer);
        return weightCount(l) + 3 * l.getNOut();
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return List.of(WEIGHT);
    }

    @Override
    public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return List.of(GAMMA, BETA);
    }

    @Override
    public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
        return WEIGHT.equals(key);
    }

    @Override
    public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
        return GAMMA.equals(key) || BETA.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        SpikingWeightLayer l = spiking(conf.getLayer());
        Map<String, INDArray> m = views(l, paramsView);
        if (initializeParams) {
            long[] shape = l.weightShape();
            long fanIn = weightCount(l) / shape[0];
            l.getWeightInitFn().init(fanIn, shape[0], shape, 'c', m.get(WEIGHT));
            m.get(GAMMA).assign(1.0);
            m.get(BETA).assign(0.0);
            m.get(THRESHOLD).assign(l.getThresholdInit());
        }
        for (String k : KEYS) {
            conf.addVariable(k);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(spiking(conf.getLayer()), gradientView);
    }

    private static Map<String, INDArray> views(SpikingWeightLayer l, INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        long nW = weightCount(l);
        long nOut = l.getNOut();
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT, v.get(NDArrayIndex.interval(0, nW)).reshape('c', l.weightShape()));
        m.put(GAMMA, v.get(NDArrayIndex.interval(nW, nW + nOut)).reshape(1, nOut));
        m.put(BETA, v.get(NDArrayIndex.interval(nW + nOut, nW + 2 * nOut)).reshape(1, nOut));
        m.put(THRESHOLD, v.get(NDArrayIndex.interval(nW + 2 * nOut, nW + 3 * nOut)).reshape(1, nOut));
        return m;
    }
}
