package org.spiketime4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.spiketime4j.data.Split;
import org.spiketime4j.train.Checkpoint;
import org.spiketime4j.train.DataSources;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spiketime evaluate --model FILE}: test accuracy of a saved model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a saved model on its test set.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "a model.zip written by spiketime train")
    Path model;

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
        MultiLayerNetwork net = Checkpoint.read(model);
        String name = preset != null ? preset : Checkpoint.presetOf(model);
        if (name == null) {
            throw new IllegalArgumentException(model + " does not say which preset it was trained with: pass --preset");
        }
        Preset p = Presets.byName(name);
        Evaluation eval = net.evaluate(DataSources.iterator(p, data, Split.TEST, p.batchSize(), testLimit, 0));
        System.out.println(eval.stats());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", eval.accuracy());
        return 0;
    }
}
