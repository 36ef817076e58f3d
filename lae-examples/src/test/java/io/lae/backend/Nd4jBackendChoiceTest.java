package io.lae.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ND4J's list of backends, seen through the loader lae gives it for --backend cpu and cuda. */
class Nd4jBackendChoiceTest {

    @TempDir
    Path dir;

    @Test
    void theHiddenBackendLeavesEachListAndTheOthersStay() throws IOException {
        List<String> lists = new ArrayList<>();
        for (String jar : new String[] {"cuda", "cpu"}) {
            Path services = dir.resolve(jar).resolve(Nd4jBackendChoice.SERVICES);
            Files.createDirectories(services.getParent());
            Files.writeString(services, "# ND4J's backends\n" + BackendCheck.CUDA_BACKEND_CLASS + "\n"
                    + "org.nd4j.linalg.cpu.nativecpu.CpuBackend  # the CPU\n");
        }
        URL[] roots = {dir.resolve("cuda").toUri().toURL(), dir.resolve("cpu").toUri().toURL()};
        try (URLClassLoader parent = new URLClassLoader(roots, null)) {
            ClassLoader hiding = new Nd4jBackendChoice.HidingLoader(parent, Set.of(BackendCheck.CUDA_BACKEND_CLASS));
            for (URL list : Collections.list(hiding.getResources(Nd4jBackendChoice.SERVICES))) {
                try (InputStream in = list.openStream()) {
                    lists.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(parent.getResource("x"), hiding.getResource("x"), "other resources as the parent has them");
        }
        String kept = "# ND4J's backends\norg.nd4j.linalg.cpu.nativecpu.CpuBackend  # the CPU\n";
        assertEquals(List.of(kept, kept), lists);
    }

    @Test
    void cpuAndCudaHideNd4jsCudaBackendAndTheOthersLeaveItsLoaderAlone() {
        ClassLoader before = org.nd4j.common.config.ND4JClassLoading.getNd4jClassloader();
        try {
            Nd4jBackendChoice.apply(BackendRequest.AUTO);
            Nd4jBackendChoice.apply(BackendRequest.ND4J_CUDA);
            assertEquals(before, org.nd4j.common.config.ND4JClassLoading.getNd4jClassloader());
            Nd4jBackendChoice.apply(BackendRequest.CPU);
            ClassLoader hiding = org.nd4j.common.config.ND4JClassLoading.getNd4jClassloader();
            assertEquals(Nd4jBackendChoice.HidingLoader.class, hiding.getClass());
            Nd4jBackendChoice.apply(BackendRequest.CUDA);
            assertEquals(hiding, org.nd4j.common.config.ND4JClassLoading.getNd4jClassloader(), "wrapped once");
        } finally {
            org.nd4j.common.config.ND4JClassLoading.setNd4jClassloader(before);
        }
    }
}
