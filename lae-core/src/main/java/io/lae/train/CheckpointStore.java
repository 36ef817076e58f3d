package io.lae.train;

/**
 * Where a training loop saves its checkpoints: a run directory (the command line's {@code lae train}), memory, or
 * nowhere ({@link #NONE}). A loop saves one at every checkpoint step, when it is interrupted (if the
 * weights are finite) and when it ends.
 */
@FunctionalInterface
public interface CheckpointStore {

    /** Keeps nothing. */
    CheckpointStore NONE = checkpoint -> { };

    /** @param checkpoint the step, elapsed seconds, weights and optimizer state: copies, which the store may keep as they are */
    void save(Checkpoint checkpoint);
}
