package io.lae.backend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Chooses, inside the JVM, which of the backends on the class path ND4J may try, before it loads.
 *
 * <p>ND4J ranks its backends by {@code BACKEND_PRIORITY_CPU} and {@code BACKEND_PRIORITY_GPU}, which it
 * reads with {@link System#getenv} (Java's copy of the environment, taken at JVM start) into static
 * fields, and by default tries CUDA first. It finds the backends with a {@link java.util.ServiceLoader} over
 * its own class loader ({@link ND4JClassLoading#setNd4jClassloader}). So for {@code --backend cpu} and
 * {@code cuda} (lae's own engine: ND4J stays on the CPU) lae gives ND4J a class loader whose list of
 * backends leaves out ND4J's CUDA backend, and ND4J never tries it; for {@code auto} and {@code nd4j-cuda}
 * ND4J sees them all and tries CUDA first, as by default. Classes load as before: the loader only filters
 * that one list and delegates everything else.
 */
public final class Nd4jBackendChoice {

    /** The service list ND4J reads its backends from. */
    static final String SERVICES = "META-INF/services/" + Nd4jBackend.class.getName();

    private Nd4jBackendChoice() {
    }

    /**
     * Makes ND4J skip its CUDA backend when the request runs ND4J on the CPU. Call it before ND4J loads; once
     * it has, its backend is chosen and this changes nothing.
     *
     * @param request the {@code --backend} option
     */
    public static void apply(BackendRequest request) {
        if (request == BackendRequest.CPU || request == BackendRequest.CUDA) {
            ClassLoader current = ND4JClassLoading.getNd4jClassloader();
            if (!(current instanceof HidingLoader)) {
                ND4JClassLoading.setNd4jClassloader(new HidingLoader(current, Set.of(BackendCheck.CUDA_BACKEND_CLASS)));
            }
        }
    }

    /** A class loader that delegates everything, but lists no backend named in {@code hidden}. */
    static final class HidingLoader extends ClassLoader {

        private final Set<String> hidden;

        /**
         * @param parent the loader that loads every class
         * @param hidden class names of the backends left out of {@link #SERVICES}
         */
        HidingLoader(ClassLoader parent, Set<String> hidden) {
            super(parent);
            this.hidden = hidden;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> resources = super.getResources(name);
            if (!name.equals(SERVICES)) {
                return resources;
            }
            List<URL> filtered = new ArrayList<>();
            for (URL list : Collections.list(resources)) {
                filtered.add(withoutHidden(list));
            }
            return Collections.enumeration(filtered);
        }

        /** @return a URL whose contents are {@code list}'s lines, less those naming a hidden backend */
        private URL withoutHidden(URL list) throws IOException {
            StringBuilder kept = new StringBuilder();
            try (InputStream in = list.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String className = line.replaceFirst("#.*", "").strip();
                    if (!hidden.contains(className)) {
                        kept.append(line).append('\n');
                    }
                }
            }
            byte[] bytes = kept.toString().getBytes(StandardCharsets.UTF_8);
            URI name;
            try {
                name = new URI("lae-filtered", list.toString(), null);
            } catch (java.net.URISyntaxException e) {
                throw new IOException(list + ": cannot name its filtered copy (" + e.getMessage() + ")", e);
            }
            return URL.of(name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {
                            connected = true;
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        }
    }
}
