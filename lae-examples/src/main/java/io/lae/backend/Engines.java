package io.lae.backend;

import io.lae.LaeException;
import io.lae.cuda.CudaDevice;
import io.lae.cuda.CudaException;
import io.lae.cuda.CudaStatistics;
import io.lae.cuda.CudaStepper;
import io.lae.stats.StreamedStatistics;
import io.lae.train.Stepper;
import io.lae.runs.TrainingConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which engine runs a training run's steps, from {@code --backend} and the run: lae's CUDA engine
 * (lae-cuda) or ND4J's, on whichever backend ND4J loaded; and where the statistics of rows are computed. The GPU is opened once per process, at the
 * first run that may use it; {@code auto} falls back to ND4J with one warning when a GPU is there but
 * unusable or the run is one lae-cuda does not run. {@link Engine#description} goes into run.json.
 */
public final class Engines {

    private static final Logger LOG = LoggerFactory.getLogger("io.lae.backend");

    private static BackendRequest request = BackendRequest.AUTO;
    private static PrintWriter debug;
    private static Optional<CudaDevice> device;
    private static CudaException unusable;
    private static boolean warned;

    private Engines() {
    }

    /**
     * The engine of one run.
     *
     * @param factory     makes the run's steps
     * @param description what ran where and why the others did not, for run.json
     */
    public record Engine(Stepper.Factory factory, Map<String, Object> description) {
    }

    /**
     * @param requested {@code --backend}
     * @param debugOut  where to print why the GPU is unusable in full (--debug), or null
     */
    public static synchronized void configure(BackendRequest requested, PrintWriter debugOut) {
        request = requested;
        debug = debugOut;
        warned = false;
    }

    /** @return the GPU of lae's CUDA engine, opened at the first call, or empty with {@link #unusable} set */
    private static synchronized Optional<CudaDevice> device() {
        if (device == null) {
            try {
                device = Optional.of(CudaDevice.open());
            } catch (CudaException e) {
                unusable = e;
                device = Optional.empty();
                if (debug != null) {
                    e.printStackTrace(debug);
                }
            }
        }
        return device;
    }

    /** @return what {@code --backend} asked for */
    public static synchronized BackendRequest requested() {
        return request;
    }

    /**
     * @return the GPU of lae's CUDA engine
     * @throws CudaException saying why it is unusable, and that {@code --backend cpu} runs without it (the engine's
     *                       own messages name no option of lae's)
     */
    public static synchronized CudaDevice requireCudaDevice() {
        return device().orElseThrow(() -> new CudaException(unusable.getMessage() + "; use --backend cpu", unusable));
    }

    /**
     * @return one line: lae's CUDA engine's device, or why it is unusable (opens the GPU if not yet done)
     */
    public static String cudaEngineStatus() {
        return device().map(d -> "usable: " + d.description().summary())
                .orElseGet(() -> "not usable: " + unusable.getMessage());
    }

    /**
     * @param config the run
     * @return the engine that runs it
     * @throws LaeException when {@code --backend cuda} cannot run it (unusable GPU, a run it does not support)
     */
    public static synchronized Engine forRun(TrainingConfig config) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("requested", request.toString());
        if (request == BackendRequest.CPU || request == BackendRequest.ND4J_CUDA) {
            return nd4j(description, "--backend " + request);
        }
        Optional<String> unsupported = CudaStepper.unsupported(config.stepSettings());
        if (request == BackendRequest.CUDA) {
            if (unsupported.isPresent()) {
                throw new LaeException("--backend cuda: " + unsupported.get() + "; use --backend cpu or auto");
            }
            return cuda(requireCudaDevice(), description);
        }
        if (unsupported.isPresent()) {
            return nd4j(description, unsupported.get());
        }
        Optional<CudaDevice> gpu = autoDevice();
        if (gpu.isPresent()) {
            return cuda(gpu.get(), description);
        }
        return nd4j(description, unusable.getMessage());
    }

    /**
     * Where statistics are computed.
     *
     * @param statistics computes them
     * @param where      which engine on which device, for run.json ("lae-cuda on NVIDIA H200", "nd4j-cpu")
     */
    public record StatisticsPlace(StreamedStatistics statistics, String where) {
    }

    /**
     * Where the statistics of rows are computed ({@code lae stats}, and {@code lae train} on rows): on the GPU of
     * lae's CUDA engine when {@code --backend} is cuda, or auto with a usable GPU that has the memory; else on the
     * host. A choice of the GPU is said in one console line.
     *
     * @param inputDim  n'
     * @param targetDim n of a regression, or 0 for an autoencoder
     * @param console   where to say that the GPU computes them
     * @return what computes them, and where
     * @throws CudaException when {@code --backend cuda} finds no usable GPU
     */
    public static synchronized StatisticsPlace forStatistics(int inputDim, int targetDim, PrintWriter console) {
        CudaStatistics onGpu = switch (request) {
            case CPU, ND4J_CUDA -> null;
            case CUDA -> new CudaStatistics(requireCudaDevice());
            case AUTO -> autoDevice().map(CudaStatistics::new).filter(s -> s.fits(inputDim, targetDim)).orElse(null);
        };
        if (onGpu == null) {
            return onHost();
        }
        String name = device.orElseThrow().description().name();
        console.printf("statistics: on %s (lae-cuda)%n", name);
        return new StatisticsPlace(onGpu, "lae-cuda on " + name);
    }

    /** @return the host's streaming accumulator, on ND4J's backend */
    public static StatisticsPlace onHost() {
        return new StatisticsPlace(StreamedStatistics.HOST, "nd4j-" + backendName());
    }

    /** @return the GPU for {@code auto}, or empty after one warning when a GPU is there but unusable */
    private static Optional<CudaDevice> autoDevice() {
        Optional<CudaDevice> gpu = device();
        if (gpu.isEmpty() && !warned && !unusable.getMessage().contains("no usable NVIDIA GPU")) {
            LOG.warn("lae's CUDA engine is unusable ({}): running on ND4J's {}", unusable.getMessage(), backendName());
            warned = true;
        }
        return gpu;
    }

    private static Engine cuda(CudaDevice gpu, Map<String, Object> description) {
        description.put("engine", "lae-cuda");
        description.put("device", gpu.description().asMap());
        return new Engine(CudaStepper.factory(gpu), description);
    }

    private static Engine nd4j(Map<String, Object> description, String whyNotCuda) {
        description.put("engine", "nd4j-" + backendName());
        description.put("lae_cuda_not_used", whyNotCuda);
        return new Engine(Stepper.Factory.ND4J, description);
    }

    private static String backendName() {
        return Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "").toLowerCase(java.util.Locale.ROOT);
    }
}
