package io.lae.cuda.check;

import io.lae.Precision;
import io.lae.cuda.CudaDevice;
import io.lae.cuda.DeviceRows;
import io.lae.cuda.DeviceRule;
import io.lae.cuda.DeviceStatistics;
import io.lae.cuda.DeviceStatisticsAccumulator;
import io.lae.cuda.DeviceTraining;
import io.lae.cuda.DownloadedStatistics;
import io.lae.train.TruncationDraws;
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
    public DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType, boolean center) {
        int inputDim = rows[0].length;
        int targetDim = targets == null ? 0 : targets[0].length;
        int chunk = 16;
        boolean floats = rowType == Precision.FLOAT32;
        try (DeviceStatisticsAccumulator acc = new DeviceStatisticsAccumulator(device, inputDim, targetDim, chunk,
                floats, Precision.FLOAT64)) {
            for (int start = 0; start < rows.length; start += chunk) {
                int count = Math.min(chunk, rows.length - start);
                double[] x = rowMajor(rows, start, count);
                double[] y = targets == null ? null : rowMajor(targets, start, count);
                if (floats) {
                    acc.add(toFloat(x), y == null ? null : toFloat(y), count);
                } else {
                    acc.add(x, y, count);
                }
            }
            return acc.download(center);
        }
    }

    /** @return every row, row-major: the n×m matrix of the samples as columns, column-major */
    private static double[] rowMajor(double[][] rows) {
        return rowMajor(rows, 0, rows.length);
    }

    /** @return rows {@code start} … {@code start + count − 1}, row-major */
    private static double[] rowMajor(double[][] rows, int start, int count) {
        int width = rows[0].length;
        double[] out = new double[count * width];
        for (int r = 0; r < count; r++) {
            System.arraycopy(rows[start + r], 0, out, r * width, width);
        }
        return out;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    @Override
    public Session train(Problem problem) {
        DeviceStatistics stats = upload(problem);
        DeviceTraining training = new DeviceTraining(device, stats, problem.loss().form(problem.p()),
                DeviceRule.of(problem.rule()).orElseThrow(), ContractCases.deviceOptimizer(problem.optimizer()),
                problem.encoder(), problem.decoder());
        DeviceRows rows = problem.batches() == null && !problem.perSample() ? null
                : new DeviceRows(device, rowMajor(problem.x()), problem.x()[0].length,
                        problem.y() == null ? null : rowMajor(problem.y()),
                        problem.y() == null ? problem.x()[0].length : problem.y()[0].length, problem.x().length,
                        problem.batches(), problem.precision());
        TruncationDraws draws = problem.perSample()
                ? new TruncationDraws(problem.loss().form(problem.p()).nestedWeights(), problem.seed()) : null;
        return new Session() {
            @Override
            public double loss() {
                return training.loss();
            }

            @Override
            public void step(double lr) {
                if (draws != null) {
                    training.step(lr, rows, draws);
                } else if (rows == null) {
                    training.step(lr);
                } else {
                    training.step(lr, rows);
                }
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
                if (rows != null) {
                    rows.close();
                }
                training.close();
                stats.close();
            }
        };
    }

    /** Σxx, Σyx and tyy of the raw samples, formed on the host in float64 by {@link Reference} and uploaded. */
    private DeviceStatistics upload(Problem problem) {
        double[][] x = problem.x();
        int inputDim = x[0].length;
        int n = problem.y() == null ? inputDim : problem.y()[0].length;
        double[] moments = Reference.statistics(x, problem.y(), false);
        double[] sxx = Arrays.copyOf(moments, inputDim * inputDim);
        double[] syx = problem.y() == null ? null : Arrays.copyOfRange(moments, inputDim * inputDim, moments.length - 1);
        return DeviceStatistics.upload(device, sxx, syx, n, moments[moments.length - 1], x.length,
                problem.precision());
    }
}
