package io.lae.cuda.check;

import io.lae.cuda.CudaDevice;
import io.lae.cuda.DeviceOptimizer;
import io.lae.cuda.DeviceRule;
import io.lae.cuda.DeviceStatistics;
import io.lae.cuda.DeviceStatisticsAccumulator;
import io.lae.cuda.DeviceTraining;
import io.lae.Precision;
import java.util.Arrays;

/** lae-cuda's GPU engine under the contract: statistics by SYRK on the device, training by {@link DeviceTraining}. */
public final class CudaContractEngine implements ContractEngine {

    private final CudaDevice device;

    /** @param device the GPU */
    public CudaContractEngine(CudaDevice device) {
        this.device = device;
    }

    @Override
    public String name() {
        return "lae-cuda on " + device.description().name();
    }

    @Override
    public double[] statistics(double[][] rows, Precision rowType, boolean center) {
        int n = rows[0].length;
        int chunk = 16;
        boolean floats = rowType == Precision.FLOAT32;
        try (DeviceStatisticsAccumulator acc = new DeviceStatisticsAccumulator(device, n, chunk, floats,
                Precision.FLOAT64)) {
            for (int start = 0; start < rows.length; start += chunk) {
                int count = Math.min(chunk, rows.length - start);
                if (floats) {
                    float[] data = new float[count * n];
                    for (int r = 0; r < count; r++) {
                        for (int i = 0; i < n; i++) {
                            data[r * n + i] = (float) rows[start + r][i];
                        }
                    }
                    acc.add(data, count);
                } else {
                    double[] data = new double[count * n];
                    for (int r = 0; r < count; r++) {
                        System.arraycopy(rows[start + r], 0, data, r * n, n);
                    }
                    acc.add(data, count);
                }
            }
            try (DeviceStatistics stats = acc.build(center, Precision.FLOAT64)) {
                double[] sigma = stats.sigmaXX().download();
                double[] out = Arrays.copyOf(sigma, sigma.length + 1);
                out[sigma.length] = stats.tyy();
                return out;
            }
        }
    }

    @Override
    public Session train(Problem problem) {
        DeviceStatistics stats = upload(problem);
        DeviceTraining training = new DeviceTraining(device, stats, problem.loss().form(problem.p()),
                DeviceRule.named(problem.rule()), DeviceOptimizer.named(problem.optimizer(), 0.9), problem.encoder(),
                problem.decoder());
        return new Session() {
            @Override
            public double loss() {
                return training.loss();
            }

            @Override
            public void step(double lr) {
                training.step(lr);
            }

            @Override
            public double[] encoder() {
                return training.encoder();
            }

            @Override
            public double[] decoder() {
                return training.decoder();
            }

            @Override
            public Object checkpoint() {
                return training.state();
            }

            @Override
            public void restore(Object checkpoint) {
                training.restore((DeviceTraining.State) checkpoint);
            }

            @Override
            public void close() {
                training.close();
                stats.close();
            }
        };
    }

    /** Σxx = XᵀX and Σyx of the raw samples, formed on the host in float64 and uploaded. */
    private DeviceStatistics upload(Problem problem) {
        double[][] x = problem.x();
        int inputDim = x[0].length;
        double[] moments = Reference.statistics(x, false);
        double[] sxx = Arrays.copyOf(moments, inputDim * inputDim);
        if (problem.y() == null) {
            return DeviceStatistics.upload(device, sxx, null, inputDim, moments[inputDim * inputDim], x.length,
                    problem.precision());
        }
        double[][] y = problem.y();
        int n = y[0].length;
        double[] syx = new double[n * inputDim];
        double tyy = 0;
        for (int s = 0; s < x.length; s++) {
            for (int i = 0; i < n; i++) {
                tyy += y[s][i] * y[s][i];
                for (int k = 0; k < inputDim; k++) {
                    syx[i + k * n] += y[s][i] * x[s][k];
                }
            }
        }
        return DeviceStatistics.upload(device, sxx, syx, n, tyy, x.length, problem.precision());
    }
}
