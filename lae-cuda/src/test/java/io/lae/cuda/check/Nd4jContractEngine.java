package io.lae.cuda.check;

import io.lae.Precision;
import io.lae.cuda.DownloadedStatistics;
import io.lae.loss.LossSpec;
import io.lae.optim.OptimizerState;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.BatchOrder;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.StepSettings;
import io.lae.train.TrainingStep;
import io.lae.train.UpdateRules;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J's engine (lae-core's TrainingStep and StatisticsAccumulator) under the backend-neutral contract. */
final class Nd4jContractEngine implements ContractEngine {

    @Override
    public String name() {
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName();
    }

    private static INDArray rows(double[][] values, Precision precision) {
        INDArray a = Nd4j.createFromArray(values);
        return precision.isDouble() ? a : a.castTo(DataType.FLOAT);
    }

    @Override
    public DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType, boolean center) {
        Statistics stats = targets == null ? StatisticsAccumulator.of(rows(rows, rowType), center)
                : StatisticsAccumulator.of(rows(rows, rowType), rows(targets, rowType), center);
        return new DownloadedStatistics(columnMajor(stats.sigmaXX()),
                targets == null ? null : columnMajor(stats.sigmaYX()), stats.tyy(), stats.sampleCount(),
                columnMajor(stats.meanX()), targets == null ? null : columnMajor(stats.meanY()));
    }

    private static double[] columnMajor(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    }

    @Override
    public Session train(Problem problem) {
        DataType type = problem.precision().isDouble() ? DataType.DOUBLE : DataType.FLOAT;
        INDArray x = rows(problem.x(), Precision.FLOAT64);
        INDArray y = problem.y() == null ? null : rows(problem.y(), Precision.FLOAT64);
        Statistics stats = (y == null ? StatisticsAccumulator.of(x, false) : StatisticsAccumulator.of(x, y, false))
                .as(type);
        LossSpec loss = problem.loss();
        StepSettings settings = new StepSettings(loss.create(problem.p()), loss, UpdateRules.create(problem.rule().name()),
                Optimizers.create(problem.optimizer().name(), problem.optimizer().example(1)),
                problem.perSample() ? NestedDropoutDraw.PER_SAMPLE : null,
                problem.seed());
        int p = problem.p();
        int n = problem.decoder().length / p;
        INDArray decoder = Nd4j.createFromArray(problem.decoder()).reshape('f', n, p).dup('c').castTo(type);
        INDArray encoder = Nd4j.createFromArray(problem.encoder()).reshape(p, problem.x()[0].length).castTo(type);
        boolean tied = settings.rule().tiesWeights();
        BatchOrder order = problem.batches();
        MiniBatches batches = order != null ? new MiniBatches(x, y, stats, order.batchSize(), order.seed(), type)
                : problem.perSample() ? MiniBatches.allRows(x, y, stats, type) : null;
        return new Nd4jSession(settings, stats, tied ? Model.tied(decoder) : Model.of(encoder, decoder), batches);
    }

    /** A model and a step whose state can be copied out and back. */
    private static final class Nd4jSession implements Session {
        private final StepSettings settings;
        private final Statistics stats;
        private Model model;
        private TrainingStep stepper;
        private long step;
        private final MiniBatches batches;

        Nd4jSession(StepSettings settings, Statistics stats, Model model, MiniBatches batches) {
            this.settings = settings;
            this.stats = stats;
            this.model = model;
            this.batches = batches;
            this.stepper = TrainingStep.fresh(settings, stats, model);
        }

        @Override
        public double loss() {
            return stepper.loss().value(model.encoder(), model.decoder(), stats);
        }

        @Override
        public void step(double lr) {
            stepper.apply(model, step++, lr, batches);
        }

        @Override
        public double[] encoder() {
            return model.encoder().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }

        @Override
        public double[] decoder() {
            return model.decoder().castTo(DataType.DOUBLE).dup('f').data().asDouble();
        }

        private record Copy(Map<String, INDArray> parameters, long optimizerStep, Map<String, INDArray> buffers,
                            long step) {
        }

        @Override
        public Object checkpoint() {
            Map<String, INDArray> buffers = new LinkedHashMap<>();
            stepper.state().buffers().forEach((k, v) -> buffers.put(k, v.dup()));
            Map<String, INDArray> parameters = new LinkedHashMap<>();
            model.parameters().forEach((k, v) -> parameters.put(k, v.dup()));
            return new Copy(parameters, stepper.state().step(), buffers, step);
        }

        @Override
        public void restore(Object checkpoint) {
            Copy c = (Copy) checkpoint;
            model = c.parameters().containsKey(Model.ENCODER)
                    ? Model.of(c.parameters().get(Model.ENCODER).dup(), c.parameters().get(Model.DECODER).dup())
                    : Model.tied(c.parameters().get(Model.DECODER).dup());
            Map<String, INDArray> buffers = new LinkedHashMap<>();
            c.buffers().forEach((k, v) -> buffers.put(k, v.dup()));
            stepper = new TrainingStep(settings, stats, OptimizerState.restore(c.optimizerStep(), buffers));
            step = c.step();
        }

        @Override
        public void close() {
        }
    }
}
