package io.lae.cli;

import io.lae.Precision;
import io.lae.loss.Scale;
import io.lae.optim.Optimizers;
import io.lae.train.Initialization;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.UpdateRules;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The values the name options accept, taken from the code's own lists: picocli shows them in the help
 * ({@code ${COMPLETION-CANDIDATES}}) and in the generated shell completion ({@code lae completion}).
 */
final class NameCandidates {

    private NameCandidates() {
    }

    /** {@code --loss}. */
    static final class Losses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return io.lae.loss.Losses.REGISTRY.names().iterator();
        }
    }

    /** {@code --rule}. */
    static final class Rules implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return UpdateRules.REGISTRY.names().iterator();
        }
    }

    /** {@code --optimizer}. */
    static final class Optimizers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return io.lae.optim.Optimizers.REGISTRY.names().iterator();
        }
    }

    /** {@code --reduction}. */
    static final class Reductions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Scale.values()).map(Scale::label).iterator();
        }
    }

    /** {@code --dtype}. */
    static final class Precisions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Precision.values()).map(Precision::label).iterator();
        }
    }

    /** {@code --init}. */
    static final class Initializations implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Initialization.NAMES.iterator();
        }
    }

    /** {@code --stochastic}. */
    static final class Draws implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(NestedDropoutDraw.values()).map(NestedDropoutDraw::label).iterator();
        }
    }

    /**
     * @param value a name as typed, or null
     * @return it in lower case (the names are case-insensitive), or null
     */
    static String normalized(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Warns on the command's error stream when a deprecated option name was typed.
     *
     * @param spec    the command
     * @param old     the deprecated name
     * @param current its new name
     */
    static void warnIfUsed(picocli.CommandLine.Model.CommandSpec spec, String old, String current) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        if (args.stream().anyMatch(a -> a.equals(old) || a.startsWith(old + "="))) {
            spec.commandLine().getErr().println("warning: " + old + " is now " + current + " (PyTorch's word for it); "
                    + old + " still works for now");
        }
    }
}
