package io.lae.cuda;

/**
 * One mini-batch in device memory, samples as columns.
 *
 * @param x    X, n'×b
 * @param y    Y, n×b: {@code x} itself for an autoencoder
 * @param size b
 */
record DeviceBatch(DeviceMatrix x, DeviceMatrix y, int size) {

    /** @return whether Y = X */
    boolean isAutoencoder() {
        return y == x;
    }
}
