package org.spiketime4j.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects the differences between computed and reference arrays of one case.
 *
 * <p>Spike arrays must match exactly. Real values match when, element by element,
 * {@code |actual - expected| <= rel * max(|expected|, 1e-3 * max|expected array|)}: relative to the
 * element, with a floor a thousand times below the array's largest magnitude so that values that
 * cancel to almost zero are not held to an impossible standard.
 */
public final class Comparison {

    /** The default relative tolerance for double precision, 1e-9. */
    public static final double DOUBLE_TOLERANCE = 1e-9;

    private final double relTolerance;
    private final List<String> failures = new ArrayList<>();

    /** @param relTolerance relative tolerance for real values, &gt; 0 */
    public Comparison(double relTolerance) {
        if (!(relTolerance > 0)) {
            throw new IllegalArgumentException("relTolerance must be > 0, got " + relTolerance);
        }
        this.relTolerance = relTolerance;
    }

    /** A comparison with {@link #DOUBLE_TOLERANCE}. */
    public Comparison() {
        this(DOUBLE_TOLERANCE);
    }

    /**
     * Requires two arrays to be equal element by element (spikes, counts).
     *
     * @param what     name of the quantity, for the report
     * @param expected reference values
     * @param actual   computed values, same shape
     */
    public void exact(String what, INDArray expected, INDArray actual) {
        if (!sameShape(what, expected, actual)) {
            return;
        }
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < e.length; i++) {
            if (Double.compare(e[i], a[i]) != 0 && e[i] != a[i]) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            failures.add(what + ": " + bad + " of " + e.length + " values differ (first at flat index " + first
                    + ": expected " + e[first] + ", got " + a[first] + ")");
        }
    }

    /**
     * Requires two arrays to agree within the relative tolerance.
     *
     * @param what     name of the quantity, for the report
     * @param expected reference values
     * @param actual   computed values, same shape
     */
    public void close(String what, INDArray expected, INDArray actual) {
        if (!sameShape(what, expected, actual)) {
            return;
        }
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int worstAt = -1;
        int bad = 0;
        for (int i = 0; i < e.length; i++) {
            double tol = relTolerance * Math.max(Math.abs(e[i]), 1e-3 * scale);
            double err = Math.abs(a[i] - e[i]);
            if (!(err <= tol) && !(e[i] == a[i])) {
                bad++;
                double ratio = tol > 0 ? err / tol : Double.POSITIVE_INFINITY;
                if (worstAt < 0 || ratio > worst || Double.isNaN(a[i])) {
                    worst = ratio;
                    worstAt = i;
                }
            }
        }
        if (bad > 0) {
            failures.add(String.format("%s: %d of %d values off (worst at flat index %d: expected %.17g, got %.17g)",
                    what, bad, e.length, worstAt, e[worstAt], a[worstAt]));
        }
    }

    /**
     * Requires two scalars to agree within the relative tolerance.
     *
     * @param what     name of the quantity
     * @param expected reference value
     * @param actual   computed value
     */
    public void close(String what, double expected, double actual) {
        double tol = relTolerance * Math.max(Math.abs(expected), 1e-12);
        if (!(Math.abs(actual - expected) <= tol)) {
            failures.add(String.format("%s: expected %.17g, got %.17g", what, expected, actual));
        }
    }

    /**
     * Records a failure that is not an array comparison.
     *
     * @param message what went wrong
     */
    public void fail(String message) {
        failures.add(message);
    }

    private boolean sameShape(String what, INDArray expected, INDArray actual) {
        if (actual == null) {
            failures.add(what + ": not computed");
            return false;
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            failures.add(what + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
            return false;
        }
        return true;
    }

    /** @return whether every check so far passed */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** @return the failure messages, in order */
    public List<String> failures() {
        return List.copyOf(failures);
    }
}
