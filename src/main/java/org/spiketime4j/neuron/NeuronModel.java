package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

/**
 * A neuron model: what {@link SrmForward} (the one time loop) and {@link SpikeTimeBackward} (the one
 * spike-time sweep) need to know about the neuron, so that adding a model is one new class.
 *
 * <p>The loop is model-free: at every step it {@linkplain Trace#advance advances} the model's membrane trace
 * to get u[t], compares u[t] with the threshold (or reads given spikes), records {@code du[t] = u[t] - u'[t-1]}
 * (u' the potential after the reset) and {@linkplain Trace#reset resets} the trace where the neuron fired; the
 * input-path trace g is advanced and reset the same way. The sweep is model-free too: it masks the gradient to
 * the spikes, multiplies it by the model's dt/du approximations ({@link #weightPathFactor},
 * {@link #inputPathFactor}) and hands the result to the model's {@link #weightPathCredit} and
 * {@link #inputPathCredit}, the transposes of the model's kernels from an input step to a later spike.
 *
 * <p>Contract (what the sweep and the SameDiff ops rely on): between spikes both traces are linear in the
 * current, and a reset leaves no memory of the past, so that the derivative of u[t_k] with respect to I[t]
 * is a kernel of {@code t_k - t} alone for the steps since the previous spike, and 0 before. The credits
 * must be exactly the transposes of those kernels.
 *
 * <p>In a layer's JSON the model is written with its class name ({@code "@class"}), as DL4J writes its own
 * polymorphic configurations (layers, updaters, activations): an implementation needs no registration, only
 * Jackson-readable properties (for a record, its components). {@link SrmNeuron} is the paper's model; the
 * fused CPU loops ({@link FusedSrm}) are an accelerated form of it and run for it alone.
 * Serializable: a layer configuration holds its neuron model, and Spark ships configurations to its executors.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface NeuronModel extends java.io.Serializable {

    /** @return the number of simulated time steps T, at least 1 */
    int timeSteps();

    /**
     * Starts the membrane trace of a run: {@link Trace#advance} returns the potential u[t] before the reset,
     * {@link Trace#reset} the potential after it.
     *
     * @param a        the algebra
     * @param current  input current I, time on axis 0: T rows, or one row used at every step
     * @param isStatic whether {@code current} is one row used at every step
     * @param <T>      the tensor type
     * @return a trace whose state starts at zero
     */
    <T> Trace<T> membrane(TensorAlgebra<T> a, T current, boolean isStatic);

    /**
     * Starts the input-path trace g of a run, the trace whose value at a spike {@link #inputPathFactor} turns
     * into the input-path approximation of dt/du; {@link Trace#advance} returns g[t] before the reset.
     *
     * @param a           the algebra
     * @param gradCurrent the current that drives g (the values of the input current)
     * @param isStatic    whether {@code gradCurrent} is one row used at every step
     * @param <T>         the tensor type
     * @return a trace whose state starts at zero (the loop does not read the value its reset returns)
     */
    <T> Trace<T> inputPathTrace(TensorAlgebra<T> a, T gradCurrent, boolean isStatic);

    /**
     * The weight-path approximation of dt/du at a spike, elementwise from du of the forward pass.
     *
     * @param a      the algebra
     * @param deltaU du of the forward pass
     * @param <T>    the tensor type
     * @return the factor, shape of du
     */
    <T> T weightPathFactor(TensorAlgebra<T> a, T deltaU);

    /**
     * The input-path approximation of dt/du at a spike, elementwise from g of the forward pass.
     *
     * @param a         the algebra
     * @param gradTrace g of the forward pass
     * @param <T>       the tensor type
     * @return the factor, shape of g
     */
    <T> T inputPathFactor(TensorAlgebra<T> a, T gradTrace);

    /**
     * The weight-path credit: {@code out[t] = coef[t_k] eps(t_k - t)} for the first spike t_k at or after t,
     * 0 after the last spike, with eps the kernel from I[t] to u[t_k] ({@link SpikeTimeBackward#creditBackward}
     * computes one geometric kernel).
     *
     * @param coef   {@code [T, K]}: the masked gradient times the weight-path factor (0 off the spikes)
     * @param silent {@code [T, K]}: 1 where the neuron did not fire, else 0
     * @return dL/dI[t] for the weight gradient, {@code [T, K]}, a new array
     */
    INDArray weightPathCredit(INDArray coef, INDArray silent);

    /**
     * The input-path credit, as {@link #weightPathCredit} with the (signed) kernel from I[t] to g[t_k].
     *
     * @param coef   {@code [T, K]}: the masked gradient times the input-path factor
     * @param silent {@code [T, K]}: 1 where the neuron did not fire, else 0
     * @return dL/dI[t] for the gradient passed to the layer below, {@code [T, K]}, a new array
     */
    INDArray inputPathCredit(INDArray coef, INDArray silent);

    /**
     * The state of one trace over a run, advanced one step at a time.
     *
     * <p>The returned tensors belong to the trace: read them (or pass them to operations that do not consume
     * their argument). The value of {@link #advance} is valid until the next call; that of {@link #reset}, for
     * a membrane trace, until the next reset (the loop reads it after the next advance to form du).
     *
     * @param <T> the tensor type
     */
    interface Trace<T> {

        /**
         * @param t the step, 0 to T-1, in order
         * @return the value at step t, before any reset
         */
        T advance(int t);

        /**
         * Resets the state where the neuron fired at the step just advanced.
         *
         * @param silent 1 where the neuron did not fire, else 0 (no gradient)
         * @return the value after the reset
         */
        T reset(T silent);
    }
}
