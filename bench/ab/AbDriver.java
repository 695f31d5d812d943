import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.spiketime4j.data.Split;
import org.spiketime4j.train.DataSources;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.ThresholdInitializer;

/**
 * One SpikeTime4j jar's side of {@code bench/jar-ab.sh}: loaded by a class loader of its own next to that jar, it
 * builds the MNIST preset's network (seed 1, thresholds initialised on the first batch) on 20 real batches of 50 and
 * times one training step ({@code fit}) or one inference batch ({@code output}) per call.
 */
public final class AbDriver implements IntToDoubleFunction {

    private final MultiLayerNetwork net;
    private final List<DataSet> batches = new ArrayList<>();
    private final boolean inference;

    /**
     * @param data      the MNIST folder
     * @param inference time {@code output} instead of {@code fit}
     * @throws Exception if the data cannot be read
     */
    public AbDriver(String data, boolean inference) throws Exception {
        this.inference = inference;
        Preset preset = Presets.byName("mnist").withBatchSize(50);
        var it = DataSources.iterator(preset, Path.of(data), Split.TRAIN, 50, 0, 1);
        net = SpikingNetworks.create(preset, 1, DataType.FLOAT);
        for (int i = 0; i < 20 && it.hasNext(); i++) {
            batches.add(it.next());
        }
        ThresholdInitializer.run(net, batches.get(0).getFeatures(),
                ThresholdInitializer.Config.of(preset.avgSpikeInit()));
    }

    /** @return the wall-clock time in ms of one call on batch {@code i} (modulo 20) */
    @Override
    public double applyAsDouble(int i) {
        DataSet d = batches.get(i % batches.size());
        long start = System.nanoTime();
        if (inference) {
            net.output(d.getFeatures());
        } else {
            net.fit(d);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
