package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.schedule.ISchedule;
import org.spiketime4j.layers.RateToTimeLayer;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.RateToTimeLoss;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.ReferenceAdam;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.TrainingMonitor;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Everything of ours that Spark ships survives Java serialization (closures, task results, the default serializer) and
 * Kryo (spark.serializer=KryoSerializer): the configuration of every preset with every loss (layers, losses,
 * preprocessors, ReferenceAdam, CosineSchedule, WeightClamp), the listeners that go to the executors and the
 * statistics that come back. A scan of the compiled classes makes sure no configuration class of ours is left out.
 */
class SerializationRoundTripTest {

    private static final List<Class<?>> SHIPPED_KINDS = List.of(Layer.class, InputPreProcessor.class,
            ILossFunction.class, IUpdater.class, ISchedule.class, LayerConstraint.class);

    private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", KryoRegistrator.class.getName())).newInstance();

    @SuppressWarnings("unchecked")
    private static <T> T java(T o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T kryo(T o) {
        ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
        return (T) KRYO.deserialize(KRYO.serialize(o, tag), tag);
    }

    private static List<MultiLayerConfiguration> everyConfiguration() {
        List<MultiLayerConfiguration> confs = new ArrayList<>();
        for (Preset p : Presets.all()) {
            for (LossKind loss : LossKind.values()) {
                confs.add(SpikingNetworks.configuration(p.withLoss(loss), 1, DataType.FLOAT));
            }
        }
        SrmNeuron n = SrmNeuron.MNIST;
        confs.add(new NeuralNetConfiguration.Builder().updater(new ReferenceAdam(1e-3)).list()
                .layer(new SpikingDense.Builder().nOut(10).neuron(n).inputGradient(false).build())   // wrapped preprocessor
                .layer(new RateToTimeLayer.Builder().build())
                .layer(new RnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1)).build());
        confs.add(new NeuralNetConfiguration.Builder().list()
                .layer(new SpikingOutputLayer.Builder(new RateToTimeLoss(new LossMCXENT(), TargetCounts.MNIST)).nOut(10).neuron(n)
                        .build())
                .setInputType(SpikeInputType.staticImage(28, 28, 1)).build());
        return confs;
    }

    @Test
    void everyConfigurationSurvivesJavaAndKryo() throws Exception {
        Set<String> seen = new TreeSet<>();
        for (MultiLayerConfiguration conf : everyConfiguration()) {
            collect(conf, seen);
            for (MultiLayerConfiguration copy : List.of(java(conf), kryo(conf))) {
                assertEquals(conf.toJson(), copy.toJson());
                for (int i = 0; i < conf.getConfs().size(); i++) {
                    Layer a = conf.getConf(i).getLayer();
                    Layer b = copy.getConf(i).getLayer();
                    if (a instanceof BaseLayer base) {
                        assertEquals(base.getIUpdater(), ((BaseLayer) b).getIUpdater());
                        assertEquals(base.getBiasUpdater(), ((BaseLayer) b).getBiasUpdater());
                    }
                    assertEquals(a.getConstraints(), b.getConstraints());
                    assertEquals(conf.getInputPreProcess(i), copy.getInputPreProcess(i));
                }
            }
        }
        Set<String> ours = shippedClassesOfOurs();
        assertTrue(seen.containsAll(ours), "classes of ours that Spark may ship but no configuration here contains: "
                + new TreeSet<>(ours.stream().filter(c -> !seen.contains(c)).toList()));
    }

    @Test
    void listenersAndStatisticsSurviveTheirSerializers() throws Exception {
        GradientNormClip clip = new GradientNormClip(7.5);
        for (GradientNormClip copy : List.of(java(clip), kryo(clip))) {
            assertEquals(7.5, copy.maxNorm());
        }
        // what travels inside closures and task results, which Spark writes with Java serialization
        TrainingMonitor.EpochStats stats = new TrainingMonitor.EpochStats(3, 30, 1.5, 0.4, new double[]{0.5, 2}, 0.1, 9);
        TrainingMonitor.EpochStats copy = java(List.of(stats)).get(0);
        assertArrayEquals(stats.spikesPerNeuron(), copy.spikesPerNeuron());
        assertEquals(List.of(stats.batches(), stats.examples(), stats.meanLoss(), stats.accuracy(), stats.outputGradSum()),
                List.of(copy.batches(), copy.examples(), copy.meanLoss(), copy.accuracy(), copy.outputGradSum()));
        // (the executor monitor and its accumulator can only be written once registered with a Spark context:
        // SparkTrainingTest runs them)
    }

    private static void collect(MultiLayerConfiguration conf, Set<String> seen) {
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration c = conf.getConf(i);
            Layer l = c.getLayer();
            add(seen, l);
            add(seen, conf.getInputPreProcess(i));
            if (l.getConstraints() != null) {
                l.getConstraints().forEach(x -> add(seen, x));
            }
            if (l instanceof BaseLayer b) {
                for (IUpdater u : new IUpdater[]{b.getIUpdater(), b.getBiasUpdater()}) {
                    add(seen, u);
                    if (u instanceof ReferenceAdam adam) {
                        add(seen, adam.getLearningRateSchedule());
                    }
                }
            }
            if (l instanceof BaseOutputLayer o) {
                add(seen, o.getLossFn());
            }
            if (l instanceof SpikingOutputLayer o) {
                add(seen, o.getLossFn());
            }
        }
    }

    private static void add(Set<String> seen, Object o) {
        if (o != null) {
            seen.add(o.getClass().getName());
        }
    }

    private static Set<String> shippedClassesOfOurs() throws IOException, ClassNotFoundException {
        Path root = Path.of("target", "classes");
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("org/spiketime4j"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, SerializationRoundTripTest.class.getClassLoader());
                boolean concrete = !c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())
                        && !c.isAnonymousClass();
                if (concrete && SHIPPED_KINDS.stream().anyMatch(k -> k.isAssignableFrom(c))) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
