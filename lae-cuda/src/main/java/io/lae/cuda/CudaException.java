package io.lae.cuda;

import io.lae.LaeException;

/**
 * A CUDA call that failed: no usable GPU, a library or symbol missing, out of device memory, a
 * kernel that did not compile. The message is one line naming the call and the fix.
 */
public class CudaException extends LaeException {

    /** @param message one line: what failed and how to fix it */
    public CudaException(String message) {
        super(message);
    }

    /**
     * @param message one line: what failed and how to fix it
     * @param cause   the underlying failure, shown only with {@code --debug}
     */
    public CudaException(String message, Throwable cause) {
        super(message, cause);
    }
}
