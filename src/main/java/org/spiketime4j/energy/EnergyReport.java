package org.spiketime4j.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Operation counts and energy estimate of a network, per sample, averaged over the samples measured.
 *
 * @param layers  per layer, input to output
 * @param samples the number of samples measured
 * @param model   per-operation energies
 */
public record EnergyReport(List<LayerEnergy> layers, long samples, EnergyModel model) {

    /**
     * @throws IllegalArgumentException if there are no layers or no samples
     */
    public EnergyReport {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || samples < 1) {
            throw new IllegalArgumentException("an energy report needs layers and samples >= 1, got "
                    + layers.size() + " layers, " + samples + " samples");
        }
    }

    /** @return synaptic operations per sample, all layers */
    public double synapticOps() {
        return layers.stream().mapToDouble(LayerEnergy::synapticOps).sum();
    }

    /** @return multiply-accumulates of the spiking network per sample, all layers */
    public double macs() {
        return layers.stream().mapToDouble(LayerEnergy::macs).sum();
    }

    /** @return multiply-accumulates of the ANN of the same shapes per sample, all layers */
    public double annMacs() {
        return layers.stream().mapToDouble(LayerEnergy::annMacs).sum();
    }

    /** @return the spiking network's energy per sample, picojoules */
    public double snnPicojoules() {
        return layers.stream().mapToDouble(l -> l.snnPicojoules(model)).sum();
    }

    /** @return the ANN's energy per sample, picojoules */
    public double annPicojoules() {
        return layers.stream().mapToDouble(l -> l.annPicojoules(model)).sum();
    }

    /**
     * The report as text: a heading naming the energy source, one line per layer, a total.
     *
     * @return the lines, without line separators
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "energy per sample (mean over %d samples); %s", samples, model.source()));
        for (LayerEnergy l : layers) {
            String spikes = Double.isNaN(l.spikesPerNeuron()) ? "spikes/neuron -"
                    : String.format(Locale.ROOT, "spikes/neuron %.4f", l.spikesPerNeuron());
            out.add(String.format(Locale.ROOT, "energy layer %d %-34s %s  SOPs %s  MACs %s  ANN MACs %s  SNN %s uJ  ANN %s uJ",
                    l.index(), l.description(), spikes, number(l.synapticOps()), number(l.macs()), number(l.annMacs()),
                    number(l.snnPicojoules(model) / 1e6), number(l.annPicojoules(model) / 1e6)));
        }
        out.add(String.format(Locale.ROOT, "energy total: SOPs %s  MACs %s  ANN MACs %s  SNN %s uJ  ANN %s uJ  (SNN/ANN %.3f)",
                number(synapticOps()), number(macs()), number(annMacs()), number(snnPicojoules() / 1e6),
                number(annPicojoules() / 1e6), snnPicojoules() / annPicojoules()));
        return out;
    }

    /** Four significant digits, plain 0 for zero. */
    private static String number(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.4g", v);
    }
}
