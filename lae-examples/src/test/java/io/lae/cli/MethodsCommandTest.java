package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.loss.LossMethod;
import io.lae.loss.Losses;
import io.lae.method.Hyperparameter;
import io.lae.method.Method;
import io.lae.optim.Optimizers;
import io.lae.train.UpdateRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lae methods} lists every registered method, and the README's tables are its Markdown output. */
class MethodsCommandTest {

    private static final String START = "<!-- lae methods --markdown -->\n";
    private static final String END = "<!-- end of lae methods -->";

    @Test
    void listsEveryRegisteredMethodWithItsDescription() {
        CliRunner r = CliRunner.run("methods");
        assertEquals(0, r.exitCode(), r.err());
        List<Method> methods = Stream.of(Losses.REGISTRY.methods(), UpdateRules.REGISTRY.methods(),
                Optimizers.REGISTRY.methods()).flatMap(List::stream).map(Method.class::cast).toList();
        for (Method method : methods) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + method.name() + " ")
                    && l.contains(method.description())), method.name() + "\n" + r.out());
        }
        assertTrue(r.out().contains("--lambdas: λ₁..λ_p of Bao eq. 3"), r.out());
    }

    /** Every hyperparameter a registry declares is an option of lae train (and a loss's of lae loss too). */
    @Test
    void everyHyperparameterIsAnOptionOfTheCommandsThatTakeTheMethod() {
        CommandLine lae = new CommandLine(new LaeCommand());
        CommandSpec train = lae.getSubcommands().get("train").getCommandSpec();
        CommandSpec loss = lae.getSubcommands().get("loss").getCommandSpec();
        for (Method method : Stream.of(Losses.REGISTRY.methods(), UpdateRules.REGISTRY.methods(),
                Optimizers.REGISTRY.methods()).flatMap(List::stream).map(Method.class::cast).toList()) {
            for (Hyperparameter<?> h : method.hyperparameters()) {
                assertNotNull(train.findOption(h.option()), "lae train has no " + h.option() + " for " + method.name());
            }
        }
        for (LossMethod method : Losses.REGISTRY.methods()) {
            for (Hyperparameter<?> h : method.hyperparameters()) {
                assertNotNull(loss.findOption(h.option()), "lae loss has no " + h.option() + " for " + method.name());
            }
        }
    }

    @Test
    void theReadmeCarriesTheMarkdownTablesAsPrinted() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md marks the tables with " + START + " … " + END);
        CliRunner r = CliRunner.run("methods", "--markdown");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(r.out(), readme.substring(start + START.length(), end),
                "README.md's tables differ from `lae methods --markdown`: paste its output between the markers");
    }
}
