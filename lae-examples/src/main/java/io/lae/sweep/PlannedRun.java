package io.lae.sweep;

import io.lae.runs.TrainingConfig;
import java.util.Map;

/**
 * One run of a study: its directory's name, its configuration (exactly what {@code lae train} would make of the
 * same settings) and where it sits in the study.
 *
 * @param name     its directory under {@code SWEEP/runs/}, made of its axis values, e.g. {@code latent-2_optimizer-adam}
 * @param config   its configuration
 * @param settings the value of each axis of the study for this run, as text ({@code run} for a listed combination's
 *                 name), in the study's axis order
 * @param series   the runs along the study's stop axis that share every other setting have the same series; each run
 *                 is a series of its own when the study has no stop axis
 */
public record PlannedRun(String name, TrainingConfig config, Map<String, String> settings, String series) {

    /** Copies the settings. */
    public PlannedRun {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
