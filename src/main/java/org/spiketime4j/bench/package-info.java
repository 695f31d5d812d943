/**
 * Benchmark of a preset's spiking network against a stock DL4J network of the same shapes, on real
 * data: per-batch times of the training-mode forward pass, the training step and inference, with
 * median and spread, throughput, thread settings and memory (Java heap, ND4J off-heap, workspaces,
 * resident set) sampled every batch. The CLI front end is {@code spiketime bench}.
 */
package org.spiketime4j.bench;
