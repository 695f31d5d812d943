package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.SpikeTime4j;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.TrainingOptions;
import org.spiketime4j.train.TrainingRun;

/** What a project that depends on SpikeTime4j with its own backend and logging binding gets, and that it works. */
class ConsumerTest {

    /** Artifacts a library must not force on its users (file-name fragments of the jars). */
    private static final List<String> FORBIDDEN = List.of("slf4j-simple", "logback-classic", "picocli", "xchart",
            "-onednn", "nd4j-cuda", "deeplearning4j-core");

    private static List<String> runtimeJars() throws IOException {
        String cp = Files.readString(Path.of(System.getProperty("consumer.runtimeClasspath"))).trim();
        return Arrays.stream(cp.split(File.pathSeparator)).map(p -> Path.of(p).getFileName().toString()).toList();
    }

    @Test
    void theRuntimeClassPathHasOnlyWhatThisProjectChose() throws IOException {
        List<String> jars = runtimeJars();
        List<String> found = jars.stream().filter(j -> FORBIDDEN.stream().anyMatch(j::contains)).toList();
        assertEquals(List.of(), found, "forbidden artifacts on the runtime class path: " + found);
        // the check above is not vacuous: the library, the chosen backend and binding are there
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("spiketime4j-")), jars::toString);
        assertTrue(jars.contains("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"), jars::toString);
        assertTrue(jars.contains("slf4j-nop-1.7.36.jar"), jars::toString);
        // and the JVM running this test cannot load them either
        for (String absent : List.of("picocli.CommandLine", "org.knowm.xchart.XYChart", "org.slf4j.impl.SimpleLogger",
                "ch.qos.logback.classic.Logger")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent);
        }
    }

    /**
     * Initialises every class of the library jar outside the CLI, the plots and distributed training: none may need
     * picocli, XChart, Spark or ParallelWrapper (optional dependencies that only those packages use).
     */
    @Test
    void everyLibraryClassOutsideCliPlotAndDistributedLoads() throws IOException, URISyntaxException {
        Path jar = Path.of(SpikingDense.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.endsWith(".class") || name.endsWith("package-info.class")
                        || name.startsWith("org/spiketime4j/cli/") || name.startsWith("org/spiketime4j/plot/")
                        || name.startsWith("org/spiketime4j/distributed/")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    Class.forName(className, true, getClass().getClassLoader());
                    loaded++;
                } catch (ClassNotFoundException | LinkageError ex) {
                    failures.add(className + ": " + ex);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(loaded > 100, "only " + loaded + " classes in " + jar);
    }

    @Test
    void aTinyNetworkTrainsAndSurvivesModelSerializer(@TempDir Path dir) throws IOException {
        Nd4j.getRandom().setSeed(7);
        INDArray images = Nd4j.rand(DataType.FLOAT, 6, 1, TinyNetwork.SIDE, TinyNetwork.SIDE);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, TinyNetwork.CLASSES);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, i % TinyNetwork.CLASSES, 1);
        }
        DataSet data = new DataSet(images.muli(4), labels);
        MultiLayerNetwork net = TinyNetwork.create(42);
        INDArray before = net.params().dup();
        net.fit(data);
        net.fit(data);
        assertEquals(2, net.getIterationCount());
        assertNotEquals(before, net.params(), "two training steps changed no parameter");
        assertFalse(Double.isNaN(net.score()));

        File file = dir.resolve("tiny.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertArrayEquals(floats(net.params()), floats(restored.params()));
        assertArrayEquals(floats(net.getUpdater().getStateViewArray()),
                floats(restored.getUpdater().getStateViewArray()));
        assertArrayEquals(floats(net.output(images)), floats(restored.output(images)));
        // the restored network keeps training exactly as the original does
        net.fit(data);
        restored.fit(data);
        assertArrayEquals(floats(net.params()), floats(restored.params()));
    }

    private static float[] floats(INDArray a) {
        return a.ravel().toFloatVector();
    }

    @Test
    void aTrainingRunWorksWithoutXChartAndDrawsNoCurves(@TempDir Path out) throws IOException {
        Path mnist = Path.of(System.getProperty("consumer.mnist"));
        TrainingOptions options = new TrainingOptions(Presets.MNIST, mnist, 100, 50, 1, out);
        double accuracy = new TrainingRun(options, null).startEpochs(1);
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(Files.isRegularFile(out.resolve(TrainingRun.MODEL_FILE)));
        assertTrue(Files.isRegularFile(out.resolve(TrainingRun.METRICS_FILE)));
        assertFalse(Files.exists(out.resolve(TrainingRun.CURVES_FILE)));
    }

    @Test
    void theEnvironmentCheckSeesTheCpuBackendAndTheMissingSettings() {
        SpikeTime4j.EnvironmentReport report = SpikeTime4j.checkEnvironment();
        assertEquals(SpikeTime4j.Backend.CPU, report.backend());
        assertEquals(6, report.settings().size());
        // this project chose the generic nd4j-native build and passes none of the launcher's JVM options
        assertTrue(report.missing().stream().anyMatch(s -> s.name().equals(SpikeTime4j.ONEDNN_SETTING)));
        assertTrue(report.missing().stream().anyMatch(s -> s.name().equals("young generation")));
        // the sixth, GLIBC_TUNABLES, read from this process's environment
        assertEquals(System.getenv("GLIBC_TUNABLES"), report.settings().get(5).actual());
    }
}
