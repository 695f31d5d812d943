package org.spiketime4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Every loss survives a JSON round trip through DL4J's own mapper and inside a network configuration. */
class LossJsonTest {

    private static List<ILossFunction> allLosses() {
        List<ILossFunction> out = new ArrayList<>();
        LossSettings odd = new LossSettings(15, 2, 4.5, false);
        for (LossKind k : LossKind.values()) {
            out.add(k.create(odd));
        }
        out.add(new RateToTimeLoss(new LossMSE(), 7, 2));
        return out;
    }

    @Test
    void roundTripThroughTheDl4jMapper() throws Exception {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        for (ILossFunction loss : allLosses()) {
            String json = mapper.writeValueAsString(loss);
            assertTrue(json.contains("\"@class\""), json);
            ILossFunction back = mapper.readValue(json, ILossFunction.class);
            assertEquals(loss, back, json);
            assertEquals(loss.hashCode(), back.hashCode());
            assertEquals(loss.getClass(), back.getClass());
        }
        String json = mapper.writeValueAsString(new SpikeCountLoss(15, 2, false));
        assertTrue(json.contains("15.0") && json.contains("2.0") && json.contains("reweightLabel"), json);
    }

    @Test
    void roundTripInsideAMultiLayerConfiguration() {
        for (ILossFunction loss : allLosses()) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                    .layer(new LossLayer.Builder(loss).activation(Activation.IDENTITY).build()).build();
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
            assertEquals(loss, ((LossLayer) back.getConf(0).getLayer()).getLossFn(), loss.toString());
        }
    }

    @Test
    void settingsAreDistinguished() {
        assertNotEquals(new SpikeCountLoss(5, 1, true), new SpikeCountLoss(5, 1, false));
        assertNotEquals(new SpikeCountLoss(5, 1, true), new EnhancedCountLoss(5, 1, true));
        assertNotEquals(new EnhancedCountLoss(5, 1, true), new BalancedCountLoss(5, 1, true));
        assertNotEquals(new KernelLoss(3), new KernelLoss(4));
        assertEquals(new KernelLoss(3), new KernelLoss(3));
    }
}
