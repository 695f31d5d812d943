package org.spiketime4j.neuron;

/**
 * The few tensor operations the formulas of this package are written against, so that each formula
 * exists once and runs on more than one tensor type: {@link Nd4jAlgebra} evaluates it on ND4J arrays
 * (the DL4J layers), {@link HostAlgebra} on small plain Java arrays (the losses on the CPU), and
 * {@code org.spiketime4j.samediff.SameDiffAlgebra} builds it into a SameDiff graph.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Binary operations broadcast like NumPy and return a new tensor.</li>
 *   <li>Methods ending in {@code i} <em>consume</em> their first argument: an implementation may write
 *       the result into it (ND4J does, to keep the time loop free of allocations) or return a new
 *       tensor (SameDiff does). The caller must use the returned tensor and never read the first argument
 *       again; the result has the first argument's shape.</li>
 *   <li>Methods taking an {@code into} argument may write the result into that tensor (ND4J does) or ignore
 *       it (SameDiff does). {@code into} is null or a tensor of the result's shape whose value the caller no
 *       longer needs; the caller must use the returned tensor.</li>
 *   <li>{@link #step}, {@link #stepi}, {@link #eq} and {@link #stopGradient} carry no gradient in an
 *       implementation with automatic differentiation; everything else is differentiated by the ordinary
 *       chain rule.</li>
 *   <li>"Row t" is index t of axis 0 with that axis kept (size 1); formulas keep time on axis 0.</li>
 * </ul>
 *
 * @param <T> the tensor type
 */
public interface TensorAlgebra<T> {

    /** @return {@code x + y} */
    T add(T x, T y);

    /** @return {@code x - y} */
    T sub(T x, T y);

    /** @return {@code x * y} (elementwise) */
    T mul(T x, T y);

    /** @return {@code x / y} (elementwise, IEEE: a zero divisor gives an infinity) */
    T div(T x, T y);

    /** @return {@code x - y}, possibly written into {@code into} (see the class comment) */
    T sub(T x, T y, T into);

    /** @return {@code x * y}, possibly written into {@code into} */
    T mul(T x, T y, T into);

    /** @return {@code c - x}, possibly written into {@code into} */
    T rsub(double c, T x, T into);

    /** @return {@code x + c} */
    T add(T x, double c);

    /** @return {@code x * c} */
    T mul(T x, double c);

    /** @return {@code c - x} */
    T rsub(double c, T x);

    /** @return {@code c / x} (IEEE: {@code x = +0} gives {@code sign(c) infinity}, {@code -0} the opposite) */
    T rdiv(double c, T x);

    /** @return {@code x + y}, consuming x (see the class comment) */
    T addi(T x, T y);

    /** @return {@code x * y}, consuming x */
    T muli(T x, T y);

    /** @return {@code x * c}, consuming x */
    T muli(T x, double c);

    /** @return 1 where {@code x > 0}, else 0; no gradient */
    T step(T x);

    /** @return 1 where {@code x > 0}, else 0, consuming x; no gradient */
    T stepi(T x);

    /** @return 1 where {@code x == c}, else 0; no gradient */
    T eq(T x, double c);

    /** @return the elementwise maximum of x and y */
    T max(T x, T y);

    /** @return x clamped elementwise to {@code [low, high]} */
    T clamp(T x, double low, double high);

    /** @return x clamped elementwise to {@code [low, high]}, consuming x */
    T clampi(T x, double low, double high);

    /** @return the elementwise square root */
    T sqrt(T x);

    /** @return the elementwise exponential */
    T exp(T x);

    /** @return the elementwise natural logarithm */
    T log(T x);

    /** @return the maximum over the given axes (over all axes when none are given) */
    T maxOver(T x, boolean keepDims, int... axes);

    /** @return the sum over the given axes (over all axes, a scalar, when none are given) */
    T sum(T x, boolean keepDims, int... axes);

    /**
     * @param scalar a tensor of one element
     * @return its value (for the sums a batch computed in parts exchanges, {@link BatchParts})
     * @throws UnsupportedOperationException where tensors hold no values (SameDiff's symbolic variables)
     */
    double scalarValue(T scalar);

    /** @return the mean over the given axes */
    T mean(T x, boolean keepDims, int... axes);

    /** @return x with another shape (c order; one entry may be -1) */
    T reshape(T x, long... shape);

    /** @return the first {@code length} entries of x along {@code axis}, every other axis whole */
    T head(T x, int axis, long length);

    /** @return row t of x: index t of axis 0, the axis kept with size 1 */
    T row(T x, long t);

    /** @return x in the forward pass, with no gradient flowing back through it */
    T stopGradient(T x);

    /**
     * @param steps the number of rows the series will hold
     * @return an empty series of rows, to be filled row by row and stacked along axis 0
     */
    Series<T> series(int steps);

    /**
     * Rows collected one time step at a time.
     *
     * @param <T> the tensor type
     */
    interface Series<T> {

        /**
         * Stores the value of row t. The value is copied (unless it is the tensor {@link #slot} returned for
         * row t): the caller may consume it afterwards.
         *
         * @param t     the row index
         * @param value a tensor whose axis 0 has size 1
         */
        void put(int t, T value);

        /**
         * A place to compute row t into, for the {@code into} argument of an operation whose result is then
         * {@link #put}; null when the implementation stores rows otherwise.
         *
         * @param t    the row index
         * @param like a tensor of the row's shape and data type
         * @return row t's storage, or null
         */
        T slot(int t, T like);

        /** @return all rows stacked along axis 0, once every row has been put */
        T stacked();
    }
}
