package org.spiketime4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spiketime nmnist}: N-MNIST event data (emulate from MNIST, inspect files). */
@Command(name = "nmnist", mixinStandardHelpOptions = true,
        description = "N-MNIST event data: make an emulated data set from MNIST, inspect a sample file.",
        subcommands = {NmnistEmulateCommand.class, NmnistInfoCommand.class})
final class NmnistCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
