/**
 * Training as the paper does it, with DL4J's own mechanisms: threshold initialisation, presets,
 * the reference AdamW updater, cosine schedule, weight clamp, global gradient clipping, listeners
 * and checkpoints.
 */
package org.spiketime4j.train;
