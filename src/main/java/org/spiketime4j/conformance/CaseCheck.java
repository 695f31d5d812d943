package org.spiketime4j.conformance;

/**
 * Checks conformance cases of one kind against one engine's implementation.
 */
public interface CaseCheck {

    /** @return the {@code kind} value of {@code case.json} this check handles */
    String kind();

    /**
     * Recomputes the case and records every difference.
     *
     * @param testCase the case
     * @param result   where differences are recorded
     */
    void check(ConformanceCase testCase, Comparison result);
}
