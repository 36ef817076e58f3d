package io.lae.experiments;

import io.lae.LaeException;
import java.util.List;

/** The experiments of README, Experiments, in the order of the papers. */
public final class Experiments {

    /** Every experiment, in the order {@code lae experiment all} runs them. */
    public static final List<Experiment> ALL = List.of(new OftadehToy(), new OftadehSynthetic(), new OftadehMnist(),
            new KuninLandscape(), new KuninMnist(), new BaoMnist(), new BaoScaling(), new BaoNestedDropoutPrior(), new GempMnist(), new OrderedPcaMethods());

    private Experiments() {
    }

    /**
     * @param id an experiment id
     * @return the experiment
     * @throws LaeException naming the known ids for an unknown one
     */
    public static Experiment byId(String id) {
        return ALL.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() -> new LaeException(
                "unknown experiment '" + id + "': use one of " + String.join(", ", ALL.stream().map(Experiment::id)
                        .toList()) + " (see 'lae experiment --list')"));
    }
}
