package io.lae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Use as a library" program, taken from the README itself, runs as a single-file Java
 * program with the README's own command line (its JVM flags; lae's class path), with nothing set in the
 * environment, prints no JVM warning and finds the three axes it planted: the README cannot go stale.
 */
class LibraryExampleTest {

    private static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");

    @Test
    void theReadmeProgramRunsAndFindsTheAxes(@TempDir Path dir) throws IOException, InterruptedException {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("## Use as a library"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(block.find(), "README's library section has a java block");
        Path source = dir.resolve("Example.java");
        Files.writeString(source, block.group(1));
        Matcher shown = Pattern.compile("`java ((?:--[a-z-]+=[A-Za-z-]+ )*)-cp lae-examples/target/lae.jar Example\\.java`")
                .matcher(section);
        assertTrue(shown.find(), "README's library section shows the command that runs the program");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(shown.group(1).trim().split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), source.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OMP_WAIT_POLICY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertFalse(output.contains("WARNING"), output);
        List<String> cosines = Pattern.compile("\\|cos\\| with axis \\d+ = ([0-9.]+)").matcher(output).results()
                .map(m -> m.group(1)).toList();
        assertEquals(3, cosines.size(), output);
        for (String cos : cosines) {
            assertTrue(Double.parseDouble(cos) > 0.99, output);
        }
        assertTrue(output.contains("codes of the first row"), output);
    }
}
