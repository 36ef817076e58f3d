package io.lae.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lae.Precision;
import io.lae.cuda.bind.Nvrtc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's kernels compile, without a GPU, for every architecture lae supports: through lae's own
 * NVRTC binding when NVRTC is there ({@code mvn -Pnvrtc}: NVRTC 12.9 from org.bytedeco:cuda-redist), and
 * with nvcc when a CUDA toolkit is installed; each test skips, saying why, when its compiler is absent.
 * A GPU run still has to load and execute them (docs/gpu.md, "The device check").
 */
class KernelCompilationTest {

    /** Turing, Ampere, Ada, Hopper, Blackwell (data centre and consumer). */
    private static final List<String> ARCHITECTURES = List.of("75", "80", "86", "89", "90", "100", "120");

    @ParameterizedTest
    @EnumSource(Precision.class)
    void nvrtcCompilesEveryKernelToCubinAndPtxForEachArchitecture(Precision precision) {
        Optional<Nvrtc> nvrtc = loadNvrtc();
        assumeTrue(nvrtc.isPresent(), "no NVRTC (libnvrtc.so.13 or .12) here: run with -Pnvrtc to fetch NVRTC 12.9");
        List<String> kernels = KernelSource.names();
        assertTrue(kernels.size() >= 10, "kernels found: " + kernels);
        for (String arch : ARCHITECTURES) {
            byte[] cubin = nvrtc.get().compile(Kernels.source(), "kernels.cu", "sm_" + arch, Kernels.options(precision));
            assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(cubin, 4), "sm_" + arch + " CUBIN is ELF");
            String ptx = new String(nvrtc.get().compile(Kernels.source(), "kernels.cu", "compute_" + arch,
                    Kernels.options(precision)), StandardCharsets.US_ASCII);
            for (String kernel : kernels) {
                assertTrue(ptx.contains(".entry " + kernel + "("), "compute_" + arch + " PTX lacks " + kernel);
            }
            assertTrue(ptx.contains(".target sm_" + arch), "PTX targets sm_" + arch);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void nvrtcReportsACompileErrorAsOneLineWithTheLog(Precision precision) {
        Optional<Nvrtc> nvrtc = loadNvrtc();
        assumeTrue(nvrtc.isPresent(), "no NVRTC here: run with -Pnvrtc");
        CudaException e = org.junit.jupiter.api.Assertions.assertThrows(CudaException.class, () -> nvrtc.get()
                .compile("extern \"C\" __global__ void broken(real* x) { x[0] = undefined_name; }", "broken.cu",
                        "sm_90", Kernels.options(precision)));
        assertTrue(e.getMessage().contains("undefined_name") && !e.getMessage().contains("\n"), e.getMessage());
    }

    private static Optional<Nvrtc> loadNvrtc() {
        try {
            return Optional.of(Nvrtc.load(List.of(13, 12)));
        } catch (CudaException absent) {
            return Optional.empty();
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void nvccCompilesTheKernelsForEachArchitecture(Precision precision) throws IOException, InterruptedException {
        Optional<Path> nvcc = nvcc();
        assumeTrue(nvcc.isPresent(), "no nvcc here (a CUDA toolkit's compiler): nothing to compile with");
        Path dir = Files.createTempDirectory("lae-kernels");
        Path source = dir.resolve("kernels.cu");
        Files.writeString(source, Kernels.source());
        for (String arch : List.of("75", "90", "100", "120")) {
            Path ptx = dir.resolve("kernels-" + arch + ".ptx");
            Process process = new ProcessBuilder(nvcc.get().toString(), "-ptx", "-arch=compute_" + arch,
                    "-Dreal=" + Kernels.cType(precision), "-x", "cu", source.toString(), "-o", ptx.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), "nvcc for compute_" + arch + ": " + output);
            String text = Files.readString(ptx);
            for (String kernel : KernelSource.names()) {
                assertTrue(text.contains(".entry " + kernel + "("), "compute_" + arch + " PTX lacks " + kernel);
            }
        }
    }

    private static Optional<Path> nvcc() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                candidates.add(Path.of(dir, "nvcc"));
            }
        }
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
