package io.lae.experiments;

import io.lae.sweep.RunRecord;
import io.lae.sweep.Study;
import io.lae.sweep.Sweep;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Methods compared each at its own best learning rate, as a fair comparison of optimisers needs: for every method a
 * study over its grid of rates on a held-out seed, the best rate by the comparison's criterion, then one study of
 * every method at its best rate on the seeds that are reported. Every study is an ordinary {@code lae sweep} study in
 * the experiment's directory ({@code tune-<method>/}, then the report's), resumable like any other.
 *
 * @param shared the settings every run shares, as {@code lae train}'s long options without dashes (data, latent,
 *               steps or epochs and batch, until, …)
 * @param data   loads the data the runs name
 */
record RateSearch(Map<String, Object> shared, Sweep.DataLoader data) {

    /**
     * A method of a comparison.
     *
     * @param name     its registry name (the rule's, or the loss's when it follows the loss's gradient), the name of
     *                 its runs and of its row in the summary
     * @param settings the settings that make it, as {@code lae train}'s options without dashes, e.g. {@code rule}
     * @param rates    the learning rates it may take, the best of which it is reported at
     */
    record Contender(String name, Map<String, Object> settings, List<Double> rates) {

        /** Copies the settings and rates. */
        Contender {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            rates = List.copyOf(rates);
        }
    }

    /** Copies the shared settings. */
    RateSearch {
        shared = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shared));
    }

    /**
     * Trains every contender at each of its rates on {@code seed} and keeps the best run's rate.
     *
     * @param ctx        the experiment
     * @param dir        the tuning studies' parent directory, e.g. {@code synthetic/tune}
     * @param contenders the methods
     * @param seed       the held-out seed
     * @param better     orders runs best first
     * @return each contender's best rate, by name
     */
    Map<String, Double> bestRates(ExperimentContext ctx, String dir, List<Contender> contenders, long seed,
                                  Comparator<RunRecord> better) {
        Map<String, Double> best = new LinkedHashMap<>();
        for (Contender c : contenders) {
            List<RunRecord> records = ctx.study(dir + "/" + c.name(), tuningStudy(c, seed), data);
            RunRecord winner = records.stream().min(better).orElseThrow();
            best.put(c.name(), winner.run().config().lr());
        }
        return best;
    }

    /**
     * @param c    a contender
     * @param seed the held-out seed
     * @return the study of its rates on that seed
     */
    String tuningStudy(Contender c, long seed) {
        StringBuilder t = new StringBuilder("# " + c.name() + " at each of its learning rates, on a held-out seed\n");
        settings(t, shared);
        settings(t, c.settings());
        t.append("seed = ").append(seed).append("\n\n[grid]\nlr = ").append(Toml.value(c.rates())).append('\n');
        return t.toString();
    }

    /**
     * Trains every contender at its rate on each seed.
     *
     * @param ctx        the experiment
     * @param dir        the study's directory
     * @param contenders the methods
     * @param rates      each one's rate, by name
     * @param seeds      the seeds reported, at least one
     * @param targets    the targets whose first step the summary reports, e.g. {@code d_align=0.01}
     * @return every run's record, the contenders outermost when there is one seed, else the seeds
     */
    List<RunRecord> report(ExperimentContext ctx, String dir, List<Contender> contenders, Map<String, Double> rates,
                           List<Long> seeds, List<String> targets) {
        return ctx.study(dir, reportStudy(contenders, rates, seeds, targets), data);
    }

    /** @return the study of {@link #report} */
    String reportStudy(List<Contender> contenders, Map<String, Double> rates, List<Long> seeds, List<String> targets) {
        StringBuilder t = new StringBuilder("# every method at its best learning rate\n");
        settings(t, shared);
        if (seeds.size() == 1) {
            t.append("seed = ").append(seeds.getFirst()).append('\n');
        } else {
            t.append("\n[grid]\nseed = ").append(Toml.value(seeds)).append('\n');
        }
        t.append("\n[summary]\ntargets = ").append(Toml.value(targets)).append('\n');
        for (Contender c : contenders) {
            t.append("\n[[runs]]\nname = ").append(Toml.quoted(c.name())).append('\n');
            settings(t, c.settings());
            t.append("lr = ").append(Toml.value(rates.get(c.name()))).append('\n');
        }
        return t.toString();
    }

    /**
     * @param record a run of a report study
     * @return the contender it ran
     */
    static String contender(RunRecord record) {
        return record.run().settings().get(Study.RUN_AXIS);
    }

    private static void settings(StringBuilder t, Map<String, Object> settings) {
        settings.forEach((key, value) -> t.append(key).append(" = ").append(Toml.value(value)).append('\n'));
    }
}
