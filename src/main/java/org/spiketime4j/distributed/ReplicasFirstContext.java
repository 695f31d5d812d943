package org.spiketime4j.distributed;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.parallelism.factory.TrainerContext;
import org.deeplearning4j.parallelism.trainer.DefaultTrainer;
import org.deeplearning4j.parallelism.trainer.Trainer;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * ParallelWrapper's AVERAGING trainers with a start barrier. In DL4J 1.0.0-M2.1 worker 0 trains the network
 * itself while workers 1..N-1 copy its parameters and updater state in their own threads when they start, with
 * nothing in between: a worker that starts late copies parameters that worker 0 has already updated, and the
 * first round of every {@code fit} silently trains from the wrong starting point (measured here: 7e-4 relative
 * difference from true parameter averaging after one epoch, on the first fit of a JVM). These trainers receive
 * no batch until every worker holds its replica.
 */
final class ReplicasFirstContext implements TrainerContext {

    private final CountDownLatch ready;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** @param workers the number of trainers that must hold a replica before any trains */
    ReplicasFirstContext(int workers) {
        this.ready = new CountDownLatch(workers);
    }

    /**
     * Replaces the trainer factory of a wrapper (the builder always installs DL4J's own in AVERAGING mode).
     *
     * @param wrapper a wrapper that has not trained yet
     * @param workers its number of workers
     */
    static void install(ParallelWrapper wrapper, int workers) {
        try {
            Field f = ParallelWrapper.class.getDeclaredField("trainerContext");
            f.setAccessible(true);
            f.set(wrapper, new ReplicasFirstContext(workers));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this DL4J version's ParallelWrapper has no trainerContext field", e);
        }
    }

    @Override
    public void init(Model model, Object... args) {
    }

    @Override
    public Trainer create(String uuid, int threadId, Model model, int rootDevice, boolean useMDS,
                          ParallelWrapper wrapper, WorkspaceMode workspaceMode, int averagingFrequency) {
        return new BarrierTrainer(uuid + "_thread_" + threadId, threadId, model, useMDS, wrapper, workspaceMode,
                averagingFrequency);
    }

    @Override
    public void finalizeRound(Model originalModel, Model... models) {
    }

    @Override
    public void finalizeTraining(Model originalModel, Model... models) {
    }

    /** DL4J's trainer that counts down once its replica exists and accepts batches only when all do. */
    private final class BarrierTrainer extends DefaultTrainer {

        BarrierTrainer(String uuid, int threadId, Model model, boolean useMDS, ParallelWrapper wrapper,
                       WorkspaceMode mode, int averagingFrequency) {
            this.uuid = uuid;
            this.threadId = threadId;
            this.originalModel = model;
            this.replicatedModel = model;
            this.useMDS = useMDS;
            this.parallelWrapper = wrapper;
            this.workspaceMode = mode;
            this.averagingFrequency = averagingFrequency;
            setName("SpikeTime4j ParallelWrapper trainer " + threadId);
            setDaemon(true);
        }

        @Override
        protected void postInit() {
            super.postInit();
            ready.countDown();
        }

        @Override
        public void run() {
            try {
                super.run();
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                throw e;
            }
        }

        @Override
        public void feedDataSet(DataSet dataSet, long etlTime) {
            awaitReplicas();
            super.feedDataSet(dataSet, etlTime);
        }

        @Override
        public void feedMultiDataSet(MultiDataSet dataSet, long etlTime) {
            awaitReplicas();
            super.feedMultiDataSet(dataSet, etlTime);
        }

        private void awaitReplicas() {
            try {
                while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null) {
                        throw new IllegalStateException("a ParallelWrapper worker failed before training",
                                failure.get());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the ParallelWrapper workers", e);
            }
        }
    }
}
