package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spiketime4j.train.TinyPretrainedModel;

/** {@code spiketime evaluate --pretrained NAME}, with a tiny model trained here on a class path of its own. */
class EvaluatePretrainedTest {

    @Test
    void printsEnergyLinesThenTheAccuracyLast(@TempDir Path root) throws Exception {
        TinyPretrainedModel.write(root);
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader loader = TinyPretrainedModel.loader(root)) {
            thread.setContextClassLoader(loader);
            String out = CliRunner.run(0, "evaluate", "--pretrained", "mnist", "--test-limit", "100")[0];
            List<String> lines = out.strip().lines().toList();
            assertTrue(Pattern.matches("test accuracy: 0\\.\\d{4}", lines.get(lines.size() - 1)), out);
            assertTrue(lines.get(lines.size() - 2).startsWith("energy total: SOPs "), out);
            assertEquals(6, lines.stream().filter(l -> l.startsWith("energy layer ")).count(), out);
            assertTrue(out.contains("energy per sample (mean over 100 samples); 45 nm CMOS, 32-bit float: ADD 0.9 pJ, "
                    + "MULT 3.7 pJ, MAC 4.6 pJ (Horowitz, ISSCC 2014)"), out);
            assertTrue(out.contains("# of classes:    10"), "DL4J's statistics come first:\n" + out);

            String err = CliRunner.run(2, "evaluate", "--pretrained", "nmnist")[1];
            assertTrue(err.startsWith("error: no pretrained 'nmnist' model is bundled in this build (bundled: mnist;"), err);
            err = CliRunner.run(2, "evaluate")[1];
            assertTrue(err.startsWith("error: give either --model FILE or --pretrained NAME (bundled in this build: mnist)"), err);
        } finally {
            thread.setContextClassLoader(saved);
        }
    }
}
