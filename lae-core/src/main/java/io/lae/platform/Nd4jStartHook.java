package io.lae.platform;

import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Not a backend: the place where lae's {@link NativeSetup} runs before ND4J loads any native library,
 * whoever starts ND4J (lae's command line, a program that uses lae as a library, a Spark executor).
 *
 * <p>ND4J finds its backends with a {@link java.util.ServiceLoader} and instantiates every one it finds
 * before it asks any whether it is available (which loads that backend's natives). This class is listed
 * there ({@code META-INF/services/org.nd4j.linalg.factory.Nd4jBackend}), so its constructor runs first. It
 * ranks below every real backend and is never available, so ND4J never picks it.
 */
public final class Nd4jStartHook extends Nd4jBackend {

    /** Below ND4J's CPU (0) and CUDA (100) defaults; ND4J sorts by subtracting priorities, so not MIN_VALUE. */
    private static final int PRIORITY = -1_000_000;

    /** Called by ND4J's backend discovery: sets the native environment. */
    public Nd4jStartHook() {
        NativeSetup.prepare();
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        throw new UnsupportedOperationException("not a backend");
    }

    @Override
    public Class<?> getNDArrayClass() {
        throw new UnsupportedOperationException("not a backend");
    }

    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("not a backend");
    }

    @Override
    public String buildInfo() {
        return "lae's native setup (not a backend)";
    }

    @Override
    public void logBackendInit() {
        // never chosen, so never initialised
    }
}
