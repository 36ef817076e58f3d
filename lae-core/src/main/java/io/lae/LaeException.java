package io.lae;

/**
 * A problem the user can fix: bad input, a wrong shape, an unknown name, an option out of range.
 *
 * <p>The message is one line that names the problem and, where possible, the fix (file, shape,
 * row, option). The command line prints it without a stack trace unless {@code --debug} is given;
 * any other exception is a bug in lae.
 */
public class LaeException extends RuntimeException {

    /** @param message one line: what is wrong and how to fix it */
    public LaeException(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong and how to fix it
     * @param cause   the underlying failure, shown only with {@code --debug}
     */
    public LaeException(String message, Throwable cause) {
        super(message, cause);
    }
}
