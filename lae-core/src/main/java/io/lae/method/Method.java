package io.lae.method;

import java.util.List;

/** One method of a registry: what the command line, the help and the checks need to know of it. */
public interface Method {

    /** @return the name used on the command line and in run.json */
    String name();

    /** @return one line saying what the method is, with its source (paper and equation) */
    String description();

    /** @return the settings it takes, beyond those every method of its kind shares; empty for none */
    List<Hyperparameter<?>> hyperparameters();

    /**
     * @param p the latent size
     * @return a valid value of every hyperparameter at p, for the gradient checks and the contract cases
     */
    default Settings example(int p) {
        Settings example = Settings.NONE;
        for (Hyperparameter<?> h : hyperparameters()) {
            example = example.withExample(h, p);
        }
        return example;
    }
}
