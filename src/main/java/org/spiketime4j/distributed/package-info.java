/**
 * Data-parallel training of spiking networks on DL4J's own engines: {@link org.spiketime4j.distributed.ParallelTraining}
 * (ParallelWrapper worker threads in one JVM, AVERAGING mode) and {@link org.spiketime4j.distributed.SparkTraining}
 * (Apache Spark with {@code ParameterAveragingTrainingMaster}), both as an {@link org.spiketime4j.train.EpochTrainer}
 * that {@link org.spiketime4j.train.TrainingRun} calls for each epoch.
 *
 * <p>What they add to the stock engines: threshold initialisation once on the driver before distribution, the
 * network's listeners (gradient-norm clip, monitor) on every worker, the clip at the threshold of a worker's share
 * of the combined batch ({@code WorkerClip}), the updater state (the moments of
 * {@code ReferenceAdam}) averaged with the parameters and kept after each fit, epoch and iteration counts that the
 * cosine schedule and Adam's bias correction need, and a Kryo registrator that writes this library's records.
 *
 * <p>Dependencies: {@code deeplearning4j-parallel-wrapper} and the Spark modules ({@code dl4j-spark_2.12},
 * Spark 3, Scala 2.12) are optional dependencies of SpikeTime4j: an application that uses this package adds them
 * itself (the README's section "Distributed training" lists them); nothing outside this package and the command
 * line needs them.
 */
package org.spiketime4j.distributed;
