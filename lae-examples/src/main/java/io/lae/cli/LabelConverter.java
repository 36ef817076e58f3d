package io.lae.cli;

import io.lae.LaeException;
import io.lae.loss.Scale;
import io.lae.train.Initialization;
import io.lae.train.StopTarget;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Reads one of lae's named values (a precision, a reduction, an initialisation, a backend, an early stop, …) with the code's own parser,
 * so that a bad name is picocli's one usage line carrying lae's message, which names the choices.
 *
 * @param <T> the value's type
 */
abstract class LabelConverter<T> implements CommandLine.ITypeConverter<T> {

    private final Function<String, T> parse;

    /** @param parse the code's parser, throwing {@link LaeException} on a bad name */
    LabelConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public final T convert(String value) {
        try {
            return parse.apply(value);
        } catch (LaeException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** {@code --reduction}, in {@code train} and {@code loss}. */
    static final class Reductions extends LabelConverter<Scale> {
        Reductions() {
            super(Scale::fromLabel);
        }
    }

    /** {@code --init}. */
    static final class Initializations extends LabelConverter<Initialization.Kind> {
        Initializations() {
            super(Initialization.Kind::of);
        }
    }

    /** {@code --until}. */
    static final class StopTargets extends LabelConverter<StopTarget> {
        StopTargets() {
            super(StopTarget::parse);
        }
    }
}
