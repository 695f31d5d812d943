/**
 * Conformance with the reference implementation: cases of reference values (bundled under
 * {@code /conformance/} and in any folder given), the checks for each kind, and the suite that
 * runs them for {@code spiketime verify} and the tests.
 */
package org.spiketime4j.conformance;
