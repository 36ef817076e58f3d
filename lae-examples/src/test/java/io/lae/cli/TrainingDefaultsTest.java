package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.runs.TrainingConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lae train}'s defaults are {@link TrainingConfig#builder()}'s, in the run and in the help. */
class TrainingDefaultsTest {

    private static CommandLine parsed(String... args) {
        CommandLine line = new CommandLine(new TrainCommand());
        line.parseArgs(args);
        return line;
    }

    @Test
    void aTrainWithoutOptionsRunsTheBuildersDefaultConfiguration() {
        TrainCommand train = parsed().getCommand();
        assertEquals(TrainingConfig.builder().build(), train.configFromOptions());
    }

    @Test
    void anOptionGivenOverridesItsDefault() {
        TrainCommand train = parsed("--lr", "0.5", "--init-std", "0.2").getCommand();
        TrainingConfig config = train.configFromOptions();
        assertEquals(0.5, config.lr());
        assertEquals(0.2, config.initStd());
        assertEquals(TrainingConfig.builder().build().latent(), config.latent(), "the others keep the builder's");
    }

    @Test
    void theHelpShowsTheBuildersDefaults() {
        TrainingConfig defaults = TrainingConfig.builder().build();
        String help = parsed().getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertTrue(help.contains("Learning rate (default " + defaults.lr() + ")"), help);
        assertTrue(help.contains("Latent size p (default " + defaults.latent() + ")"), help);
        assertTrue(help.contains("(default " + defaults.init() + ")"), help);
        assertFalse(help.contains("default null"), help);
    }
}
