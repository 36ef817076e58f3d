package io.lae.cli;

import io.lae.LaeException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The output file of {@code lae stats} and {@code lae encode}: an existing file (or link) at {@code --out}
 * is replaced only with {@code --force}. The file is written beside and renamed over the name, so a link
 * there is replaced, never written through.
 */
final class OutputFile {

    private OutputFile() {
    }

    /**
     * @param out   the {@code --out} file
     * @param force whether {@code --force} was given
     * @throws LaeException in one line when something is at {@code out} and {@code --force} was not given
     */
    static void requireFree(Path out, boolean force) {
        if (!force && Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(out)) {
            throw new LaeException("--out " + out + " exists: choose another --out, or add --force to replace it");
        }
    }
}
