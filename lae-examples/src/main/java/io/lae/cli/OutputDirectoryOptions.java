package io.lae.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR} and {@code --force}, the output directory of {@code train} and {@code experiment} (a picocli
 * mixin): each command names its default directory in its description and claims the directory through
 * {@link io.lae.runs.OutputDirectory}.
 */
final class OutputDirectoryOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory, missing, empty or this command's own earlier output (default: see above).")
    Path out;

    @Option(names = "--force", description = "Use --out even if it holds something else (another run or experiment, "
            + "this one with other options, other files): what it held is moved, whole, to DIR.previous, or "
            + "DIR.previous.2, .3, … when that exists; nothing is deleted. Refused for /, the home or working "
            + "directory or one above it, a mount point, and a directory holding a running run.")
    boolean force;

    /**
     * @param fallback the command's default directory
     * @return {@code --out}, or the default when it is not given
     */
    Path orElse(Path fallback) {
        return out != null ? out : fallback;
    }
}
