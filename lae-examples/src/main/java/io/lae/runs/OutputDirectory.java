package io.lae.runs;

import io.lae.LaeException;
import io.lae.train.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * An output directory belongs to one run. A new run starts only in a missing or empty directory;
 * one holding anything else (a run, finished or not, or files that are not a run) is refused with
 * what to do instead, unless {@code --force} moves it aside to {@code DIR.previous} first. Without
 * {@code --out}, each run gets a fresh directory of its own under {@code runs/}.
 */
public final class OutputDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private OutputDirectory() {
    }

    /**
     * @param parent where runs go ({@code runs})
     * @param prefix the command, e.g. {@code train}
     * @param now    the time to name it after
     * @return {@code parent/prefix-<yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}, … when that exists
     */
    public static Path fresh(Path parent, String prefix, LocalDateTime now) {
        Path dir = parent.resolve(prefix + "-" + STAMP.format(now));
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(prefix + "-" + STAMP.format(now) + "-" + n);
        }
        return dir;
    }

    /**
     * Checks that a new run may start in {@code dir}, before anything is loaded or written.
     *
     * @param dir     the output directory
     * @param force   whether to move what it holds to {@code DIR.previous} (replacing an older one)
     * @param console where the move is reported
     * @throws LaeException naming what the directory holds and the option that fits, unless forced
     */
    public static void claim(Path dir, boolean force, PrintWriter console) {
        if (isEmpty(dir)) {
            return;
        }
        if (force) {
            Path previous = dir.resolveSibling(dir.getFileName() + ".previous");
            try {
                RunDirectory.delete(previous);
                Files.move(dir, previous, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new LaeException("--force: cannot move " + dir + " to " + previous + " (" + e.getMessage() + ")", e);
            }
            console.printf("--force: moved what %s held to %s%n", dir, previous);
            return;
        }
        throw new LaeException(describe(dir));
    }

    /** @return why a new run may not start in a non-empty directory, and what to do instead */
    private static String describe(Path dir) {
        java.util.Optional<RunStatus> runStatus = RunDirectory.readStatus(dir);
        if (runStatus.isEmpty()) {
            return dir + " is not empty and holds no lae run" + (Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON))
                    ? " (its run.json is not lae's)" : "") + ": choose another --out, or add --force to move its "
                    + "contents to " + dir.getFileName() + ".previous";
        }
        RunStatus status = runStatus.get();
        String next = switch (status) {
            case FINISHED, STOPPED -> "extend it with 'lae train --resume " + dir + " --steps N'";
            case RUNNING, INTERRUPTED -> "continue it with 'lae train --resume " + dir + "'";
            case DIVERGED -> "look at it (its last finite checkpoint is kept)";
        };
        return dir + " already holds a run (status: " + status + "): " + next + ", or start a new one with "
                + "another --out, or add --force to move it to " + dir.getFileName() + ".previous";
    }

    /**
     * @param dir a path
     * @return whether it is missing or an empty directory
     * @throws LaeException if it is a file
     */
    public static boolean isEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            throw new LaeException(dir + " is a file, not a directory: choose another --out");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
