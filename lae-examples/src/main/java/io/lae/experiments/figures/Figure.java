package io.lae.experiments.figures;

import io.lae.LaeException;
import io.lae.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A figure that draws itself as an image and saves itself as a PNG file. */
public interface Figure {

    /**
     * @return the figure drawn on a new white image
     * @throws IllegalStateException    if the figure has nothing to draw yet
     * @throws IllegalArgumentException if its data leave nothing to draw (e.g. every point dropped)
     */
    BufferedImage render();

    /**
     * Renders the figure and writes it as a PNG file, atomically: to a temporary file in the same
     * directory, then renamed, so a reader never sees half a file.
     *
     * @param png the file to write; its directory must exist
     * @throws LaeException if the file cannot be written
     */
    default void save(Path png) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(render(), "png", bytes)) {
                throw new LaeException(png + ": cannot write: this Java runtime has no PNG encoder");
            }
        } catch (IOException e) {
            throw new LaeException(png + ": cannot encode the PNG (" + e.getMessage() + ")", e);
        }
        AtomicFiles.writeBytes(png, bytes.toByteArray());
    }
}
