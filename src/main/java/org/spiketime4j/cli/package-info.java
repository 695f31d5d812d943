/** The {@code spiketime} command line: thin commands over {@code train}, {@code data} and {@code conformance}. */
package org.spiketime4j.cli;
