package org.spiketime4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.layers.SpikingWeightLayerImpl;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.SpikingNetworks;

/**
 * The network of a train_steps case comes from the case: the bundled case is 4C5-AP4-20-10; a case with other
 * shapes, T and loss builds a network whose weights have exactly the case's shapes.
 */
class TrainStepsNetworkTest {

    @Test
    void bundledCaseIsTheFourChannelNetwork() {
        ConformanceCase c = ConformanceCase.bundled("train_steps_0");
        assertEquals("4C5-AP4-20-10", TrainStepsNetwork.infer(c.spec(), 28, 28).spec().text());
    }

    /** A case.json with the given weight shapes (and network lines, if any). */
    private static ConformanceCase synthetic(Path dir, String network, long[]... weights) throws IOException {
        StringBuilder arrays = new StringBuilder();
        for (int l = 0; l < weights.length; l++) {
            arrays.append(l == 0 ? "" : ",").append("\"init_L").append(l).append("_weight\":")
                    .append(java.util.Arrays.toString(weights[l]));
        }
        String json = "{\"kind\":\"train_steps\",\"T\":7,\"batch\":4,\"steps\":2,\"grad_clip_norm\":1000,"
                + "\"weight_clamp\":4,\"loss\":\"count (D=4, U=0)\","
                + "\"optimizer\":\"AdamW lr 1e-3, betas (0.9,0.999), eps 1e-8; weight group wd 0.01; gamma/beta group wd 0.002\","
                + "\"neuron\":{\"tau_m\":6,\"tau_s\":2,\"tau_grad\":2},\"threshold_init\":{\"avg_spike_init\":0.8},"
                + (network == null ? "" : "\"network\":" + network + ",")
                + "\"arrays\":{" + arrays + "}}";
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("case.json"), json);
        return ConformanceCase.fromDirectory(dir);
    }

    @Test
    void otherShapesBuildTheirNetwork(@TempDir Path dir) throws IOException {
        long[][] weights = {{6, 1, 3, 3}, {8, 6, 3, 3}, {30, 288}, {10, 30}};
        ConformanceCase c = synthetic(dir.resolve("a"), "[\"conv 6x3x3 pad1 (1->6)\", \"adjusted-avg pool 2x2\", "
                + "\"conv 8x3x3 pad0 (6->8)\", \"adjusted-avg pool 2x2\", \"dense 288->30\", \"dense 30->10 (output)\"]",
                weights);
        String inferred = TrainStepsNetwork.infer(c.spec(), 28, 28).spec().text();
        assertEquals("6C3p1-AP2-8C3-AP2-30-10", inferred, "28 -> 28 -> 14 -> 12 -> 6: 8 x 6 x 6 = 288");
        // without the lines, the shapes fit 28 -> 26 -> 24 -> 6 too: exact pooling and the least padding win
        assertEquals("6C3-8C3-AP4-30-10",
                TrainStepsNetwork.infer(synthetic(dir.resolve("c"), null, weights).spec(), 28, 28).spec().text());

        Preset p = TrainStepsCaseCheck.preset(c, TrainStepsNetwork.infer(c.spec(), 28, 28).spec(), 4);
        assertEquals(7, p.neuron().timeSteps());
        assertEquals("count", p.loss().cliName());
        assertEquals(4, p.targets().desiredCount());
        assertEquals(0, p.targets().undesiredCount());
        assertEquals(1e-3, p.optimiser().learningRate());
        assertEquals(0.01, p.optimiser().weightDecay());
        assertEquals(0.002, p.optimiser().weightDecayNorm());
        MultiLayerNetwork net = SpikingNetworks.create(p, 0, DataType.DOUBLE);
        List<long[]> shapes = new ArrayList<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof SpikingWeightLayerImpl<?>) {
                shapes.add(l.getParam(SpikingParamInitializer.WEIGHT).shape());
            }
        }
        assertEquals(weights.length, shapes.size());
        for (int l = 0; l < weights.length; l++) {
            assertArrayEquals(weights[l], shapes.get(l), "layer " + l);
        }
    }

    @Test
    void networkLinesDecideWhenTheyFit(@TempDir Path dir) throws IOException {
        // 28 + 2*2 - 5 + 1 = 28, pool 4 -> 7: 3 x 7 x 7 = 147 (the shapes alone would prefer less padding)
        ConformanceCase c = synthetic(dir.resolve("b"),
                "[\"conv 3x5x5 pad2 (1->3)\", \"adjusted-avg pool 4x4\", \"dense 147->10 (output)\"]",
                new long[]{3, 1, 5, 5}, new long[]{10, 147});
        assertEquals("3C5p2-AP4-10", TrainStepsNetwork.infer(c.spec(), 28, 28).spec().text());
    }
}
