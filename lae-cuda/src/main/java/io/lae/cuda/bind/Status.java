package io.lae.cuda.bind;

import io.lae.cuda.CudaException;

/** Status codes of the CUDA C APIs: 0 is success everywhere. */
final class Status {

    private Status() {
    }

    /**
     * @param code    the returned status
     * @param call    the C function, for the message
     * @param meaning what the code means (looked up only on failure)
     * @throws CudaException if the code is not 0
     */
    static void check(int code, String call, java.util.function.IntFunction<String> meaning) {
        if (code != 0) {
            throw new CudaException(call + " failed: " + meaning.apply(code) + " (" + code + ")");
        }
    }

    /** Wraps a Throwable from {@code invokeExact} (which declares one) as a CudaException. */
    static CudaException wrap(String call, Throwable t) {
        if (t instanceof CudaException e) {
            return e;
        }
        if (t instanceof RuntimeException || t instanceof Error) {
            return new CudaException(call + " failed: " + t, t);
        }
        return new CudaException(call + " failed: " + t, t);
    }
}
