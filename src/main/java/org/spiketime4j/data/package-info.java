/**
 * Data sets for spiking networks: IDX image files (MNIST, Fashion-MNIST), N-MNIST event files, binning of
 * events into frames, an MNIST-to-N-MNIST saccade emulator, and the {@code DataSetIterator}s over them.
 *
 * <h2>Layouts</h2>
 * <ul>
 *   <li>Static images ({@link org.spiketime4j.data.IdxDataSetIterator}): features float32
 *       {@code [mb, 1, rows, cols]} (NCHW), normalised as {@code (pixel/255 - mean) / std}; labels one-hot
 *       float32 {@code [mb, 10]}.</li>
 *   <li>Event frames ({@link org.spiketime4j.data.NmnistDataSetIterator}): features float32
 *       {@code [mb, 2, T, 34, 34]}, that is {@code [mb, C, T, H, W]} with the polarity as the channel
 *       ({@code p = 0} OFF, {@code p = 1} ON) and time second; each value is an event count, not binarised.
 *       Labels one-hot float32 {@code [mb, 10]}.</li>
 * </ul>
 *
 * <p>Every iterator shuffles deterministically from a seed (a new permutation each epoch), supports a limit to
 * the first N examples, and reports {@code asyncSupported() == true} so that DL4J prefetches batches on a
 * background thread; {@link org.spiketime4j.data.IndexedDataSetIterator#prefetch} wraps one explicitly.
 * Layout conversions live here and in {@code layers}, nowhere else. This package depends on nothing else of
 * SpikeTime4j.
 */
package org.spiketime4j.data;
