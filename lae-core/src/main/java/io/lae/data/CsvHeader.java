package io.lae.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lae.LaeException;
import java.util.Arrays;
import java.util.Locale;

/** Whether a CSV file's first row names the columns or is the first sample ({@code --header}). */
public enum CsvHeader {
    /**
     * A header when one of its cells is a non-empty text that is not a number ({@code nan}, {@code inf} and
     * {@code -inf} are numbers, as NumPy reads them).
     */
    AUTO,
    /** Always a header: the first row is skipped whatever it holds. */
    YES,
    /** Never a header: the first row is a sample, and a cell that is not a number is an error. */
    NO;

    /** @return its name on the command line and in run.json: {@code auto}, {@code yes} or {@code no} */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label {@code auto}, {@code yes} or {@code no}, in any case
     * @return the choice it names
     * @throws LaeException for any other word
     */
    @JsonCreator
    public static CsvHeader of(String label) {
        return Arrays.stream(values()).filter(h -> h.label().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new LaeException("--header must be auto, yes or no, got '" + label + "'"));
    }
}
