package io.lae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Use as a library" program, taken from the README itself, runs as a single-file Java
 * program on lae's classpath and finds the three axes it planted: the README cannot go stale.
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
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        List<String> cosines = Pattern.compile("\\|cos\\| with axis \\d+ = ([0-9.]+)").matcher(output).results()
                .map(m -> m.group(1)).toList();
        assertEquals(3, cosines.size(), output);
        for (String cos : cosines) {
            assertTrue(Double.parseDouble(cos) > 0.99, output);
        }
        assertTrue(output.contains("codes of the first row"), output);
    }
}
