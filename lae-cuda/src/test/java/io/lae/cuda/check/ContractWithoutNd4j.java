package io.lae.cuda.check;

import io.lae.Precision;
import io.lae.cuda.DownloadedStatistics;

/**
 * Runs every contract case against an engine that computes nothing, in a JVM whose class path holds lae-core's
 * and lae-cuda's classes and no ND4J ({@link PackTest}): the cases, their references and the loss forms they
 * load must not need ND4J, since the device check carries none. Prints the number of cases run.
 */
final class ContractWithoutNd4j {

    private ContractWithoutNd4j() {
    }

    public static void main(String[] args) {
        System.out.println("cases: " + caseCount());
    }

    /** @return how many contract cases run (each fails against the idle engine; only their count matters) */
    static int caseCount() {
        ContractEngine idle = new ContractEngine() {
            @Override
            public String name() {
                return "an engine that computes nothing";
            }

            @Override
            public DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType,
                                                   boolean center) {
                return new DownloadedStatistics(new double[1], null, 0, rows.length, new double[1], null);
            }

            @Override
            public Session train(Problem problem) {
                return new Session() {
                    @Override
                    public double loss() {
                        return 0;
                    }

                    @Override
                    public void step(double lr) {
                    }

                    @Override
                    public double[] encoder() {
                        return problem.encoder();
                    }

                    @Override
                    public double[] decoder() {
                        return problem.decoder();
                    }

                    @Override
                    public Object checkpoint() {
                        return null;
                    }

                    @Override
                    public void restore(Object checkpoint) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        return new ContractCases(idle).run(Precision.FLOAT64, Precision.FLOAT32).size();
    }
}
