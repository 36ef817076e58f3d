package io.lae.cli;

import io.lae.loss.LossMethod;
import io.lae.loss.Losses;
import io.lae.method.Method;
import io.lae.method.Registry;
import io.lae.optim.Optimizers;
import io.lae.train.UpdateRules;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae methods}: every loss, update rule and optimizer lae has, read from their registries, with what each
 * is and the settings it takes; {@code --markdown} prints the tables the README carries.
 */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = {"List every loss (--loss), update rule (--rule) and optimizer (--optimizer) with what it is and",
                "the settings it takes."})
final class MethodsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print Markdown tables (the README's).")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown ? markdown() : text());
        out.flush();
        return 0;
    }

    /** @return the three registries as Markdown tables, each under a heading line */
    static String markdown() {
        StringBuilder text = new StringBuilder();
        for (Listing listing : LISTINGS) {
            text.append("| `").append(listing.option()).append("` | what it is | settings |\n| --- | --- | --- |\n");
            for (Method method : listing.registry().methods()) {
                String settings = settings(method, true);
                text.append("| `").append(method.name()).append("` | ").append(method.description())
                        .append(" | ").append(settings.isEmpty() ? "—" : settings).append(" |\n");
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String text() {
        StringBuilder text = new StringBuilder();
        for (Listing listing : LISTINGS) {
            text.append(listing.option()).append('\n');
            for (Method method : listing.registry().methods()) {
                text.append(String.format(Locale.ROOT, "  %-15s %s%n", method.name(), method.description()));
                String settings = settings(method, false);
                if (!settings.isEmpty()) {
                    text.append(String.format(Locale.ROOT, "  %-15s %s%n", "", settings));
                }
            }
        }
        return text.toString();
    }

    /** A registry and the option of {@code lae train} that picks from it. */
    private record Listing(String option, Registry<?> registry) {
    }

    private static final List<Listing> LISTINGS = List.of(new Listing("--loss", Losses.REGISTRY),
            new Listing("--rule", UpdateRules.REGISTRY), new Listing("--optimizer", Optimizers.REGISTRY));

    /** @return the method's settings: the loss's default reduction, then each hyperparameter with its help */
    private static String settings(Method method, boolean markdown) {
        String code = markdown ? "`" : "";
        String reduction = method instanceof LossMethod loss
                ? code + "--reduction" + code + " default " + code + loss.defaultScale().label() + code : null;
        String hyperparameters = method.hyperparameters().stream()
                .map(h -> code + h.option() + code + ": " + h.help() + (h.defaultValue() == null ? " (required)" : ""))
                .collect(Collectors.joining("; "));
        return reduction == null ? hyperparameters
                : hyperparameters.isEmpty() ? reduction : reduction + "; " + hyperparameters;
    }
}
