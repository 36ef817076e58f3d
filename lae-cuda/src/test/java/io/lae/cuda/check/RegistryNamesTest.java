package io.lae.cuda.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.Precision;
import io.lae.cuda.DeviceOptimizer;
import io.lae.cuda.DeviceRule;
import io.lae.loss.Losses;
import io.lae.method.Method;
import io.lae.optim.Optimizers;
import io.lae.train.UpdateRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A method is one registry entry: its name is spelled in at most two main files of lae-core and lae-cuda (its own
 * file and its registry), and the contract cases, which read the registries, cover every loss, every optimizer and
 * every rule the GPU engine runs, so a new method cannot be silently left out of the comparison.
 */
class RegistryNamesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static List<Method> methods() {
        return Stream.of(Losses.REGISTRY.methods(), UpdateRules.REGISTRY.methods(), Optimizers.REGISTRY.methods())
                .flatMap(List::stream).map(Method.class::cast).toList();
    }

    /** @return the file's code without its comments (string literals kept) */
    private static String code(Path file) {
        try {
            return Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "")
                    .replaceAll("\\s//[^\"\\n]*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyNameIsSpelledInAtMostTwoMainFiles() throws IOException {
        List<Path> sources;
        try (Stream<Path> core = Files.walk(ROOT.resolve("lae-core/src/main/java"));
             Stream<Path> cuda = Files.walk(ROOT.resolve("lae-cuda/src/main/java"))) {
            sources = Stream.concat(core, cuda).filter(f -> f.toString().endsWith(".java")).toList();
        }
        Map<Path, String> code = sources.stream().collect(java.util.stream.Collectors.toMap(f -> f,
                RegistryNamesTest::code));
        for (Method method : methods()) {
            String literal = "\"" + method.name() + "\"";
            List<String> files = code.entrySet().stream().filter(e -> e.getValue().contains(literal))
                    .map(e -> e.getKey().getFileName().toString()).sorted().toList();
            assertTrue(!files.isEmpty() && files.size() <= 2, method.name() + " is spelled in " + files);
        }
    }

    @Test
    void theContractCasesCoverEveryRegisteredMethodTheDeviceRuns() {
        List<String> cases = new ContractCases(new Nd4jContractEngine()).run(Precision.FLOAT64).stream()
                .map(r -> r.get("case").toString()).toList();
        for (Method loss : Losses.REGISTRY.methods()) {
            assertTrue(cases.stream().anyMatch(c -> c.startsWith("loss " + loss.name() + " ")), loss.name());
        }
        for (Method optimizer : Optimizers.REGISTRY.methods()) {
            assertTrue(DeviceOptimizer.of(Optimizers.REGISTRY.named(optimizer.name()), optimizer.example(1))
                    .isPresent(), optimizer.name() + " has a device form");
            assertTrue(cases.stream().anyMatch(c -> c.startsWith("optimizer " + optimizer.name() + " ")),
                    optimizer.name());
        }
        List<String> ruleCases = cases.stream().filter(c -> c.startsWith("rule ")).map(c -> c.split(" ")[1])
                .distinct().toList();
        List<String> deviceRules = UpdateRules.REGISTRY.methods().stream().flatMap(m -> DeviceRule.of(m).stream())
                .filter(r -> r != DeviceRule.GRADIENT).map(DeviceRule::toString).toList();
        assertEquals(deviceRules, ruleCases);
    }
}
