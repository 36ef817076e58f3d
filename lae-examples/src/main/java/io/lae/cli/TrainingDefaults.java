package io.lae.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.runs.TrainingConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code lae train}'s defaults, taken from {@link TrainingConfig#builder()}'s: an option's default is the value of the
 * run.json key of the same name ({@code --init-std} → {@code init_std}) in the configuration a builder makes when told
 * nothing, so the command line and the library cannot disagree. Options without such a key, or whose default is
 * null, keep picocli's own default.
 */
final class TrainingDefaults implements IDefaultValueProvider {

    private static final JsonNode DEFAULTS = new ObjectMapper().valueToTree(TrainingConfig.builder().build());

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        JsonNode value = DEFAULTS.get(runJsonKey(option));
        return value == null || value.isNull() ? null : value.asText();
    }

    /** @return the run.json key an option stands for: its longest name without dashes, '-' → '_' */
    static String runJsonKey(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "").replace('-', '_');
    }
}
