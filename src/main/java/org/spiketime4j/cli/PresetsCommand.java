package org.spiketime4j.cli;

import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import picocli.CommandLine.Command;

/** {@code spiketime presets}: prints the paper's configurations. */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "Print the paper's training configurations.")
final class PresetsCommand implements Runnable {

    @Override
    public void run() {
        for (Preset p : Presets.all()) {
            System.out.println(p.describe());
            System.out.println();
        }
    }
}
