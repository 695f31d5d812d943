package org.spiketime4j.conformance;

import java.util.List;

/** The one place that lists which checks each engine supports. */
final class CheckRegistry {

    private CheckRegistry() {
    }

    static List<CaseCheck> checks(Engine engine) {
        return switch (engine) {
            case DL4J -> List.of(new LayerCaseCheck("dense"), new LayerCaseCheck("conv"), new PoolCaseCheck(),
                    new ThresholdInitCaseCheck(), new LossCaseCheck(), new TrainStepsCaseCheck());
            case SAMEDIFF -> List.of(new SameDiffLayerCaseCheck("dense"), new SameDiffLayerCaseCheck("conv"),
                    new SameDiffPoolCaseCheck(), new SameDiffLossCaseCheck());
        };
    }
}
