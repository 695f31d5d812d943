package org.spiketime4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.energy.EnergyMeter;
import org.spiketime4j.energy.EnergyModel;
import org.spiketime4j.train.Checkpoint;
import org.spiketime4j.train.DataSources;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.PretrainedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spiketime evaluate --model FILE} or {@code --pretrained NAME}: test accuracy of a saved or bundled model,
 * with per-layer spikes, synaptic operations and an energy estimate ({@link EnergyMeter}) from the same pass; the
 * last line is {@code test accuracy: 0.XXXX}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = {"Evaluate a saved or bundled model on its "
        + "test set: DL4J's statistics, per-layer spikes per neuron, synaptic operations (SOPs), MACs and an energy "
        + "estimate (45 nm CMOS, 32-bit float: ADD 0.9 pJ, MAC 4.6 pJ; Horowitz, ISSCC 2014), then the test accuracy "
        + "as the last line."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", description = "a model.zip written by spiketime train")
    Path model;

    @Option(names = "--pretrained", description = "a model bundled with the library, by preset name (for example mnist)")
    String pretrained;

    @Option(names = "--preset", description = "the preset whose test data to use (default: the one stored with the model)")
    String preset;

    @Option(names = "--data", description = "data folder (default: the preset's)")
    Path data;

    @Option(names = "--test-limit", defaultValue = "0", description = "evaluate on the first N test examples only (0 = all)")
    int testLimit;

    @Override
    public Integer call() throws Exception {
        if (testLimit < 0) {
            throw new IllegalArgumentException("--test-limit must be >= 0 (0 = all), got " + testLimit);
        }
        if ((model == null) == (pretrained == null)) {
            throw new IllegalArgumentException("give either --model FILE or --pretrained NAME (bundled in this build: "
                    + (PretrainedModels.bundled().isEmpty() ? "none" : String.join(", ", PretrainedModels.bundled())) + ")");
        }
        MultiLayerNetwork net;
        String stored;
        if (pretrained != null) {
            PretrainedModels.Pretrained loaded = PretrainedModels.load(pretrained);
            net = loaded.network();
            stored = loaded.preset();
        } else {
            net = Checkpoint.read(model);
            stored = Checkpoint.presetOf(model);
        }
        String name = preset != null ? preset : stored;
        if (name == null) {
            throw new IllegalArgumentException(model + " does not say which preset it was trained with: pass --preset");
        }
        Preset p = Presets.byName(name);
        EnergyMeter meter = new EnergyMeter(net);
        Evaluation eval = new Evaluation();
        DataSetIterator test = DataSources.iterator(p, data, Split.TEST, p.batchSize(), testLimit, 0);
        while (test.hasNext()) {
            DataSet batch = test.next();
            eval.eval(batch.getLabels(), meter.output(batch.getFeatures()));
        }
        System.out.println(eval.stats());
        meter.report(EnergyModel.HOROWITZ_45NM_FP32).lines().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", eval.accuracy());
        return 0;
    }
}
