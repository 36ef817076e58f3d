package io.lae.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model's sweep over the latent size in Bao's Fig. 4: the epochs it needed to reach the
 * threshold at each k it ran, −1 where it did not (its last k: a sweep stops after its first failure).
 * The figure's statements are checked on these curves, only over the runs that completed.
 *
 * @param epochs epochs by k, in increasing k
 */
record ScalingCurve(Map<Integer, Long> epochs) {

    /**
     * @param epochs epochs by k (−1: not reached), in increasing k
     * @return the curve, on a copy
     */
    static ScalingCurve of(Map<Integer, Long> epochs) {
        return new ScalingCurve(new LinkedHashMap<>(epochs));
    }

    /** @return the last k reaching the threshold before the first failure, if any did */
    Optional<Integer> lastSuccess() {
        Integer last = null;
        for (var e : epochs.entrySet()) {
            if (e.getValue() < 0) {
                break;
            }
            last = e.getKey();
        }
        return Optional.ofNullable(last);
    }

    /** @return the first k that did not reach the threshold, if one did not */
    Optional<Integer> firstFailure() {
        return epochs.entrySet().stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey).findFirst();
    }

    /** @return the epochs at k when it reached the threshold there */
    private Optional<Long> reached(int k) {
        return Optional.ofNullable(epochs.get(k)).filter(e -> e >= 0);
    }

    /**
     * The figure's cross: the model reaches the threshold up to {@code figureLast} and fails at the next
     * k; a model the figure never sees fail (or fail only beyond this sweep's largest k) must reach it at
     * every k; a model without a point in the figure ({@code figureLast} 0) must fail at its first k.
     *
     * @param who        the model and optimizer, for the claim
     * @param figureLast the last k the figure shows reaching it ({@link Integer#MAX_VALUE}: never fails;
     *                   0: no point, it fails at every k)
     * @param largest    the largest k of this sweep
     * @return the claim, computed from this curve
     */
    Claim failsBeyond(String who, int figureLast, int largest) {
        String measured = "epochs by k (-1: not reached) " + epochs + "; last k reaching it: "
                + lastSuccess().map(String::valueOf).orElse("none");
        if (figureLast >= largest) {
            boolean complete = firstFailure().isEmpty() && epochs.containsKey(largest);
            return new Claim(who + " reaches d_align 0.3 at every k up to " + largest,
                    figureLast == Integer.MAX_VALUE ? "Fig. 4: its curve is complete, no cross"
                            : "Fig. 4: its cross is at k = " + figureLast + ", beyond this sweep", measured, complete);
        }
        if (figureLast == 0) {
            return new Claim(who + " does not reach d_align 0.3 at any k", "Fig. 4: no point for it", measured,
                    lastSuccess().isEmpty() && firstFailure().isPresent());
        }
        boolean holds = lastSuccess().filter(k -> k == figureLast).isPresent() && firstFailure().isPresent();
        return new Claim(who + " reaches d_align 0.3 up to k = " + figureLast + " and fails beyond",
                "Fig. 4: its cross is at k = " + figureLast, measured, holds);
    }

    /**
     * From k = {@code from} on, this model (RAG) reaches the threshold at every k, in fewer epochs than each
     * other model; a model that failed at or before k counts as never reaching it.
     *
     * @param from   the smallest k compared
     * @param others the other models' curves by name
     * @param paper  what the figure shows
     * @return the claim
     */
    Claim fasterFrom(int from, Map<String, ScalingCurve> others, String paper) {
        List<String> compared = new ArrayList<>();
        boolean holds = true;
        for (int k : epochs.keySet()) {
            if (k < from) {
                continue;
            }
            long own = epochs.get(k);
            StringBuilder line = new StringBuilder("k = " + k + ": " + (own < 0 ? "not reached" : own));
            holds &= own >= 0;
            for (var other : others.entrySet()) {
                Optional<Long> theirs = other.getValue().reached(k);
                line.append(", ").append(other.getKey()).append(' ').append(theirs.map(String::valueOf).orElse("never"));
                holds &= theirs.isEmpty() || theirs.get() > own;
            }
            compared.add(line.toString());
        }
        return new Claim("Nesterov: from k = " + from + " on, RAG reaches d_align 0.3 in fewer epochs than "
                + String.join(" and ", others.keySet()), paper,
                compared.isEmpty() ? "no k ≥ " + from + " was run" : String.join("; ", compared),
                holds && !compared.isEmpty());
    }

    /**
     * This model's (RAG's) epochs grow more slowly with k than each other model's: from the first k to
     * the other's last success K, epochs(K)/epochs(k₀) is smaller for this model.
     *
     * @param others the other models' curves by name
     * @param paper  what the figure shows
     * @return the claim; it does not hold when a ratio cannot be formed (no success beyond the first k)
     */
    Claim growsSlowerThan(Map<String, ScalingCurve> others, String paper) {
        List<String> compared = new ArrayList<>();
        boolean holds = true;
        int first = epochs.keySet().iterator().next();
        for (var other : others.entrySet()) {
            Optional<Integer> last = other.getValue().lastSuccess().filter(k -> k > first);
            Optional<Double> theirs = last.flatMap(k -> other.getValue().growth(first, k));
            Optional<Double> own = last.flatMap(k -> growth(first, k));
            holds &= theirs.isPresent() && own.isPresent() && own.get() < theirs.get();
            compared.add(last.map(k -> "k = " + first + " → " + k + ": RAG ×" + own.map(Claim::format).orElse("?")
                    + ", " + other.getKey() + " ×" + theirs.map(Claim::format).orElse("?"))
                    .orElse(other.getKey() + ": no success beyond k = " + first));
        }
        return new Claim("Nesterov: RAG's epochs grow more slowly with k than those of " + String.join(" and ",
                others.keySet()), paper, String.join("; ", compared), holds);
    }

    /** @return epochs(to) / epochs(from) when both reached the threshold */
    private Optional<Double> growth(int from, int to) {
        return reached(from).flatMap(a -> reached(to).map(b -> b / (double) Math.max(1, a)));
    }
}
