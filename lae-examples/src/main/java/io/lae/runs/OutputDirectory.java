package io.lae.runs;

import io.lae.LaeException;
import io.lae.train.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An output directory belongs to one run. A new run starts only in a missing or empty directory (or one
 * holding only what a run killed before it wrote its run.json leaves, {@link RunDirectory#holdsOnlyLeftovers});
 * one holding anything else (a run, finished or not, or files that are not a run) is refused with
 * what to do instead, unless {@code --force} moves it aside first: to {@code DIR.previous}, or
 * {@code DIR.previous.2}, {@code .3}, … when that exists, so every earlier run is kept. Nothing is
 * deleted, and {@code --force} refuses, in one line, what it must not move: {@code /}, the home
 * directory, the working directory or one above it, a mount point, and a directory holding a run
 * that a live process has locked. Without {@code --out}, each run gets a fresh directory of its own
 * under {@code runs/}.
 */
public final class OutputDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String ASIDE = ".previous";

    private OutputDirectory() {
    }

    /**
     * Creates a new directory for a run, unique even when several processes start in the same second:
     * it is created here, so a second process finds the name taken and moves on to the next.
     *
     * @param parent where runs go ({@code runs})
     * @param prefix the command, e.g. {@code train}
     * @param now    the time to name it after
     * @return the created, empty {@code parent/prefix-<yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}, … when
     *     that exists
     * @throws LaeException if it cannot be created
     */
    public static Path fresh(Path parent, String prefix, LocalDateTime now) {
        String base = prefix + "-" + STAMP.format(now);
        try {
            Files.createDirectories(parent);
            for (int n = 1; ; n++) {
                Path dir = parent.resolve(n == 1 ? base : base + "-" + n);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    // another run has it: try the next name
                }
            }
        } catch (IOException e) {
            throw new LaeException(parent + ": cannot create a run directory (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Removes a directory made by {@link #fresh} when the run it was made for did not start: only when it is
     * still empty, so nothing anyone put there is lost.
     *
     * @param dir the directory
     */
    public static void releaseIfEmpty(Path dir) {
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && isEmpty(dir)) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            // an empty directory left behind is harmless; the error that stopped the run is the one to report
        }
    }

    /**
     * Checks that a new run may start in {@code dir}, before anything is loaded or written.
     *
     * @param dir     the output directory
     * @param force   whether to move what it holds aside ({@link #moveAside})
     * @param console where the move is reported
     * @throws LaeException naming what the directory holds and the option that fits, unless forced
     */
    public static void claim(Path dir, boolean force, PrintWriter console) {
        if (isEmpty(dir) || RunDirectory.holdsOnlyLeftovers(dir)) {
            return; // what a run killed before it wrote its run.json leaves is lae's own, and rewritten
        }
        if (force) {
            moveAside(dir, console);
            return;
        }
        throw new LaeException(describe(dir));
    }

    /**
     * Moves a directory aside, whole, to {@code DIR.previous} or the first free {@code DIR.previous.N}
     * (N = 2, 3, …): one rename, so nothing is copied or deleted, and what was there before stays.
     *
     * @param dir     the directory to move
     * @param console where the move is reported
     * @return where it went
     * @throws LaeException in one line, before anything moves, when {@code dir} is {@code /}, the home or the
     *     working directory or above it, a mount point, or holds a run a live process has locked
     */
    public static Path moveAside(Path dir, PrintWriter console) {
        refuseToMove(dir);
        Path absolute = dir.toAbsolutePath().normalize();
        for (int n = 1; ; n++) {
            Path aside = aside(absolute, n);
            if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.move(absolute, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                continue; // taken between the look and the move
            } catch (IOException e) {
                throw new LaeException("--force: cannot move " + dir + " to " + aside + " (" + e.getMessage()
                        + "); nothing was moved or deleted: choose another --out", e);
            }
            console.printf("--force: moved what %s held to %s%n", dir, aside);
            return aside;
        }
    }

    /**
     * @param dir a directory
     * @return where {@link #moveAside} would put it now, for messages
     * @throws LaeException naming it when it is the root directory, which has no name to move aside to
     */
    public static Path asideName(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new LaeException("--out " + absolute + " is the root directory: give a directory of its own with "
                    + "--out");
        }
        for (int n = 1; ; n++) {
            Path aside = aside(absolute, n);
            if (!Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                return aside;
            }
        }
    }

    /** @return the n-th name to move {@code absolute} aside to: {@code DIR.previous}, then {@code DIR.previous.2}, … */
    private static Path aside(Path absolute, int n) {
        return absolute.resolveSibling(absolute.getFileName() + ASIDE + (n == 1 ? "" : "." + n));
    }

    /** Refuses, in one line, a directory that --force must not move. */
    private static void refuseToMove(Path dir) {
        Optional<String> refusal = refusalToMove(dir, Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")));
        if (refusal.isPresent()) {
            throw new LaeException(refusal.get());
        }
    }

    /**
     * @param dir     a directory to move aside
     * @param working the working directory
     * @param home    the home directory
     * @return why {@code --force} must not move it ({@code /}, {@code home}, {@code working} or above it, a
     *     mount point, a directory holding a run a live process has locked), or empty when it may
     */
    public static Optional<String> refusalToMove(Path dir, Path working, Path home) {
        Path absolute = dir.toAbsolutePath().normalize();
        String instead = ", which lae will not move aside: give a directory of its own with --out";
        if (absolute.getParent() == null) {
            return Optional.of("--force: " + absolute + " is the root directory" + instead);
        }
        if (absolute.equals(home.toAbsolutePath().normalize())) {
            return Optional.of("--force: " + dir + " is the home directory" + instead);
        }
        Path cwd = working.toAbsolutePath().normalize();
        if (cwd.startsWith(absolute)) {
            return Optional.of("--force: " + dir + " is the working directory" + (cwd.equals(absolute) ? ""
                    : " or one above it") + instead);
        }
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS) && isMountPoint(absolute)) {
            return Optional.of("--force: " + dir + " is a mount point, which cannot be moved aside: give a directory "
                    + "inside it with --out");
        }
        return lockedRunInside(absolute).map(held -> "--force: " + held + " is a run that a live process holds ("
                + RunLock.FILE + "), and moving " + dir + " would move it away: wait for it to end, or stop it");
    }

    private static boolean isMountPoint(Path dir) {
        try {
            Object here = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            Object above = Files.getAttribute(dir.getParent(), "unix:dev");
            return !here.equals(above);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no device numbers here: the move itself fails on a mount point, deleting nothing
        }
    }

    /** @return a directory at or under {@code dir} whose lock a live process holds */
    private static Optional<Path> lockedRunInside(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().equals(RunLock.FILE))
                    .map(Path::getParent).filter(RunLock::isHeld).findFirst();
        } catch (IOException | UncheckedIOException e) {
            throw new LaeException("--force: cannot look through " + dir + " for running runs (" + e.getMessage()
                    + "); nothing was moved", e);
        }
    }

    /** @return why a new run may not start in a non-empty directory, and what to do instead */
    private static String describe(Path dir) {
        Optional<RunStatus> runStatus = RunDirectory.readStatus(dir);
        String aside = " move it to " + asideName(dir).getFileName();
        if (runStatus.isEmpty()) {
            return dir + " is not empty and holds no lae run" + (Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON))
                    ? " (its run.json is not lae's)" : "") + ": choose another --out, or add --force to" + aside;
        }
        RunStatus status = runStatus.get();
        String next = switch (status) {
            case FINISHED, STOPPED -> "extend it with 'lae train --resume " + dir + " --steps N'";
            case RUNNING, INTERRUPTED -> "continue it with 'lae train --resume " + dir + "'";
            case DIVERGED -> "look at it (its last finite checkpoint is kept)";
        };
        return dir + " already holds a run (status: " + status + "): " + next + ", or start a new one with "
                + "another --out, or add --force to" + aside;
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
