package org.spiketime4j.conformance;

/** Which implementation a conformance run exercises. */
public enum Engine {
    /** The DL4J layers, losses and training loop. */
    DL4J,
    /** The SameDiff ops and losses. */
    SAMEDIFF
}
