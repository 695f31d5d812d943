/**
 * The spiking ops and time-based losses for SameDiff graphs, with the spike-time gradients of ALGORITHM.md
 * (not autodiff of a step function), built only from public SameDiff API.
 *
 * <h2>How the custom gradient is attached</h2>
 * Every op returns {@code y = sg(yFwd) + (L(x) - sg(L(x)))}, where {@code sg} is SameDiff's
 * {@code StopGradient} op and L is linear in the op's differentiable inputs, with stop-gradient
 * coefficients taken from the forward pass. Forward, {@code L - sg(L)} is exactly 0, so y equals the true
 * output bit for bit; backward, only L is differentiated, and L is chosen so that its vector-Jacobian
 * product is the rule of ALGORITHM.md:
 * <ul>
 *   <li>spiking layer: {@code L = sg(s a) u(I_w) + sg(-s b) g(I_in)}, with a, b the two approximations of
 *       dt/du ({@link org.spiketime4j.neuron.NeuronModel#weightPathFactor},
 *       {@link org.spiketime4j.neuron.NeuronModel#inputPathFactor}) and u, g the membrane potential
 *       and gradient trace replayed by {@link org.spiketime4j.neuron.SrmForward} on the final spikes (reset
 *       masks without gradient). The derivative of u[t_k] by I[t] is eps(t_k - t + 1) and that of g[t_k] is
 *       kappa(t_k - t + 1) since the previous spike, so the VJP is exactly the backward sweep's Gw and Gin.
 *       {@code I_w = W_hat sg(x)} carries Gw to W_hat only; {@code I_in = sg(W_hat) x_in} with
 *       {@code x_in = sg(x) + (sg(x) x - sg(x x))} (value x, derivative sg(x)) carries
 *       {@code dx = x (W_hat^T Gin)} to the input only;</li>
 *   <li>pooling: {@code L = sg(1/c) windowSums(x)} spreads {@code grad/c} over each window;</li>
 *   <li>weight standardization: ordinary autodiff of the shared forward formula (the chain rule is the
 *       rule here);</li>
 *   <li>losses: {@code sg(value) + (sum(sg(G) s) - sg(sum(sg(G) s)))} hands the loss's spike-time gradient
 *       G to the output spikes.</li>
 * </ul>
 *
 * <h2>Why this construction</h2>
 * DL4J 1.0.0-M2.1 offers no user-defined op: a subclass overriding {@code doDiff} is silently replaced by
 * the native op's class when the gradient function is built and when a graph is saved, and forward code in
 * Java cannot run inside a graph. A registered op with a private name and a gradient callback works, but
 * it relies on an unlisted op name and a mutable internal map, must be registered before every load, and
 * does not export. The stop-gradient construction uses only {@code stop_gradient} and ordinary arithmetic,
 * so it survives {@code sd.save}/{@code SameDiff.load} (tested: same outputs and same gradients after
 * loading) and any DL4J upgrade that keeps those ops; its cost is a second, linear pass of the recurrence
 * in the forward graph. The tests guard it: spikes and gradients equal the DL4J layers' to 1e-9 in double
 * for random inputs and for a two-layer network with a loss, every {@code dense}, {@code conv},
 * {@code pool} and {@code loss} conformance case passes through this package
 * ({@code spiketime verify --engine samediff}), and {@code sd.fit} learns an MNIST subset.
 *
 * <h2>No second copy of a formula</h2>
 * The recurrence, the approximations a and b, weight standardization, the supervisory spike, pooling's
 * window sums and per-spike factor, the readout and every loss are written once, in
 * {@code org.spiketime4j.neuron} and {@link org.spiketime4j.loss.LossFormulas}, against
 * {@link org.spiketime4j.neuron.TensorAlgebra}; {@link org.spiketime4j.samediff.SameDiffAlgebra} builds them
 * into graphs, {@link org.spiketime4j.neuron.Nd4jAlgebra} evaluates them in place for the DL4J layers.
 * The hand-written ND4J backward passes (the sweep, the WS chain rule, the window spread) are the
 * transposes of those formulas; the equality tests above pin the two together.
 *
 * <h2>Use</h2>
 * Layouts are the DL4J layers': batch first, time after the channel axis ({@link
 * org.spiketime4j.samediff.SpikeVariable}). Parameters ({@link org.spiketime4j.samediff.SpikingParams})
 * are variables W, gamma, beta and a constant threshold. Train with {@code sd.fit} and a
 * {@link org.spiketime4j.samediff.ThresholdFoldListener} (gamma fold and weight clamp before every
 * iteration); create the gradient function with {@link org.spiketime4j.samediff.GradientFunction#create}
 * to keep M2.1's per-op console lines out of the output. The losses are sums over the batch (TET, CE+ and
 * TTFS batch means), as in the DL4J losses; {@code sd.fit} does not divide by the batch size.
 * Not provided: DL4J {@code SameDiffLayer} wrappers (their M2.1 gradients come back doubled), dropout,
 * data-driven threshold initialisation and gradient-norm clipping.
 */
package org.spiketime4j.samediff;
