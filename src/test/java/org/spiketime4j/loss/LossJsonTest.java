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
        TargetCounts odd = new TargetCounts(15, 2);
        out.add(new SpikeCountLoss(odd, false, Reduction.MEAN));
        out.add(new EnhancedCountLoss(odd, false, Reduction.MEAN));
        out.add(new BalancedCountLoss(odd, true, Reduction.MEAN));
        out.add(new KernelLoss(4.5, Reduction.MEAN));
        out.add(new TetLoss(Reduction.SUM));
        out.add(new CePlusLoss(Reduction.SUM));
        out.add(new TimingLoss(Reduction.MEAN));
        out.add(new TtfsLoss(Reduction.SUM));
        for (LossKind k : LossKind.values()) {
            out.add(k.create(odd, 4.5));
        }
        out.add(new RateToTimeLoss(new LossMSE(), new TargetCounts(7, 2), Reduction.MEAN));
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
        String json = mapper.writeValueAsString(new SpikeCountLoss(new TargetCounts(15, 2), false, Reduction.SUM));
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

    /** Loss JSON as v0.1.0 (f9c63b2) wrote it, before the reduction existed: it loads with the default. */
    @Test
    void jsonWithoutAReductionLoadsWithTheDefault() throws Exception {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        String p = "{\"@class\" : \"org.spiketime4j.loss.";
        assertEquals(new EnhancedCountLoss(new TargetCounts(3, 1)), mapper.readValue(p + "EnhancedCountLoss\", "
                + "\"desiredCount\" : 3.0, \"reweightLabel\" : true, \"undesiredCount\" : 1.0}", ILossFunction.class));
        assertEquals(new SpikeCountLoss(new TargetCounts(15, 2), false, Reduction.SUM), mapper.readValue(p
                + "SpikeCountLoss\", \"desiredCount\" : 15.0, \"reweightLabel\" : false, \"undesiredCount\" : 2.0}",
                ILossFunction.class));
        assertEquals(new KernelLoss(3, Reduction.SUM), mapper.readValue(p + "KernelLoss\", \"tauSynSteps\" : 3.0}",
                ILossFunction.class));
        assertEquals(new TetLoss(Reduction.MEAN), mapper.readValue(p + "TetLoss\"}", ILossFunction.class));
        assertEquals(new TimingLoss(Reduction.SUM), mapper.readValue(p + "TimingLoss\"}", ILossFunction.class));
        assertEquals(new RateToTimeLoss(new LossMSE(), new TargetCounts(5, 1)), mapper.readValue(p
                + "RateToTimeLoss\", \"countLoss\" : {\"@class\" : \"org.nd4j.linalg.lossfunctions.impl.LossMSE\"}, "
                + "\"desiredCount\" : 5.0, \"undesiredCount\" : 1.0}", ILossFunction.class));
    }

    @Test
    void settingsAreDistinguished() {
        assertNotEquals(new TetLoss(), new TetLoss(Reduction.SUM));
        assertNotEquals(new KernelLoss(3, Reduction.SUM), new KernelLoss(3, Reduction.MEAN));
        assertNotEquals(new SpikeCountLoss(new TargetCounts(5, 1)), new SpikeCountLoss(new TargetCounts(5, 1), false, Reduction.SUM));
        assertNotEquals(new SpikeCountLoss(new TargetCounts(5, 1)), new EnhancedCountLoss(new TargetCounts(5, 1)));
        assertNotEquals(new EnhancedCountLoss(new TargetCounts(5, 1)), new BalancedCountLoss(new TargetCounts(5, 1)));
        assertNotEquals(new KernelLoss(3, Reduction.SUM), new KernelLoss(4, Reduction.SUM));
        assertEquals(new KernelLoss(3, Reduction.SUM), new KernelLoss(3, Reduction.SUM));
    }
}
