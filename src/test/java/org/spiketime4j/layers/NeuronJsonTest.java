package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.spiketime4j.neuron.SrmNeuron;

/** The neuron model in the layer JSON: written with its class name, and v0.1.0's flat SRM constants still read. */
class NeuronJsonTest {

    private static final String[] FLAT = {"timeSteps", "tauMemSteps", "tauSynSteps", "tauGradSteps"};

    private static MultiLayerConfiguration version010() throws Exception {
        try (var in = NeuronJsonTest.class.getResourceAsStream("/models/v0.1.0-tiny.zip")) {
            return ModelSerializer.restoreMultiLayerNetwork(in, false).getLayerWiseConfigurations();
        }
    }

    private static List<SpikingWeightLayer> spikingLayers(MultiLayerConfiguration c) {
        List<SpikingWeightLayer> out = new ArrayList<>();
        for (NeuralNetConfiguration n : c.getConfs()) {
            if (n.getLayer() instanceof SpikingWeightLayer s) {
                out.add(s);
            }
        }
        return out;
    }

    /** The "layer" objects of the spiking weight layers in a configuration's JSON. */
    private static List<ObjectNode> spikingLayerNodes(JsonNode root) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode conf : root.get("confs")) {
            if (conf.get("layer").has("thresholdInit")) {
                out.add((ObjectNode) conf.get("layer"));
            }
        }
        return out;
    }

    @Test
    void version010FlatConstantsGiveTheSrmNeuronTheyHeld() throws Exception {
        // the checked-in v0.1.0 JSON holds timeSteps 4, tauMemSteps 5, tauSynSteps 3, tauGradSteps 2.5 flat
        List<SpikingWeightLayer> layers = spikingLayers(version010());
        assertEquals(2, layers.size());   // conv and output
        for (SpikingWeightLayer l : layers) {
            assertEquals(new SrmNeuron(4, 5.0, 3.0, 2.5), l.getNeuron());
        }
    }

    @Test
    void writtenWithTheClassNameAndReadBack() throws Exception {
        MultiLayerConfiguration c = version010();
        JsonNode root = new ObjectMapper().readTree(c.toJson());
        List<ObjectNode> nodes = spikingLayerNodes(root);
        assertEquals(2, nodes.size());
        for (ObjectNode layer : nodes) {
            JsonNode neuron = layer.get("neuron");
            assertEquals(SrmNeuron.class.getName(), neuron.get("@class").asText());
            assertEquals(4, neuron.get("timeSteps").asInt());
            assertEquals(2.5, neuron.get("tauGradSteps").asDouble());
            for (String flat : FLAT) {
                assertFalse(layer.has(flat), flat + " is no longer written at the layer level");
            }
        }
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(c.toJson());
        assertEquals(c, back);
        assertEquals(spikingLayers(c).get(0).getNeuron(), spikingLayers(back).get(0).getNeuron());
    }

    @Test
    void incompleteFlatConstantsFailNamingTheField() throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(version010().toJson());
        for (ObjectNode layer : spikingLayerNodes(root)) {
            layer.remove("neuron");
            layer.put("timeSteps", 4).put("tauMemSteps", 5.0).put("tauSynSteps", 3.0);   // tauGradSteps missing
        }
        MultiLayerConfiguration c = MultiLayerConfiguration.fromJson(root.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spikingLayers(c).get(0).getNeuron());
        assertTrue(e.getMessage().contains("tauGradSteps"), e.getMessage());
    }

    @Test
    void bothFormsAreRejected() throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(version010().toJson());
        for (ObjectNode layer : spikingLayerNodes(root)) {
            layer.put("timeSteps", 30);
        }
        MultiLayerConfiguration c = MultiLayerConfiguration.fromJson(root.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> spikingLayers(c).get(0).getNeuron());
        assertTrue(e.getMessage().contains("both"), e.getMessage());
    }

    @Test
    void aNetworkBuiltFromTheNewJsonRuns() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(version010().toJson()));
        net.init();
        assertEquals(4, ((SpikingWeightLayer) net.getLayer(0).conf().getLayer()).getTimeSteps());
    }
}
