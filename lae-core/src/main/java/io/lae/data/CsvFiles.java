package io.lae.data;

import io.lae.LaeException;
import io.lae.io.Sha256Stream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a numeric CSV file, samples as rows, exactly as written or not at all:
 * <ul>
 *   <li>a UTF-8 byte-order mark is skipped;</li>
 *   <li>numbers are decimal numbers as NumPy writes and reads them, including {@code nan}, {@code inf},
 *       {@code -inf} and {@code infinity} in any case (Java's own spellings such as {@code 1d} or hex are not
 *       numbers);</li>
 *   <li>the first row is a header when one of its cells is a non-empty text that is not a number, unless
 *       {@link CsvHeader} says it is one or is not;</li>
 *   <li>an empty cell, a cell with a NUL byte, or rows of different lengths are errors naming row and
 *       column.</li>
 * </ul>
 * The file's {@linkplain DataFingerprint fingerprint} is taken over its bytes as they are read.
 */
final class CsvFiles {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");

    private CsvFiles() {
    }

    static DataSource read(Path file, CsvHeader header) {
        DataSources.requireRegularFile(file);
        List<double[]> rows = new ArrayList<>();
        Sha256Stream sha = new Sha256Stream();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(sha.hashing(Files.newInputStream(file)),
                StandardCharsets.UTF_8.newDecoder()))) {
            skipByteOrderMark(reader);
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build().parse(reader)) {
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // blank line
                }
                if (record.getRecordNumber() == 1 && isHeader(file, record, header)) {
                    continue;
                }
                double[] row = parse(file, record, header);
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new LaeException(file + ": row " + record.getRecordNumber() + " has " + row.length
                            + " values but the first row has " + rows.get(0).length + ": every sample needs the same features");
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new LaeException(file + ": file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new LaeException(file + ": not UTF-8 text; save it as a UTF-8 (or ASCII) CSV file", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LaeException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new LaeException(file + ": no data rows: put one sample per line, values separated by commas");
        }
        return new InMemorySource(file + " (" + rows.size() + "×" + rows.get(0).length + ")",
                Nd4j.createFromArray(rows.toArray(double[][]::new)), null,
                new DataFingerprint(sha.hex(), sha.count(), rows.size(), DataFingerprint.Content.FILE));
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != BYTE_ORDER_MARK) {
            reader.reset();
        }
    }

    /** @return whether the first record is a header: as {@code header} says, or when a cell holds text that is not a number */
    private static boolean isHeader(Path file, CSVRecord record, CsvHeader header) {
        if (header != CsvHeader.AUTO) {
            return header == CsvHeader.YES;
        }
        for (int j = 0; j < record.size(); j++) {
            String cell = checkedCell(file, record, j);
            if (!cell.isEmpty() && number(cell).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static double[] parse(Path file, CSVRecord record, CsvHeader header) {
        double[] values = new double[record.size()];
        for (int j = 0; j < values.length; j++) {
            String cell = checkedCell(file, record, j);
            if (cell.isEmpty()) {
                throw new LaeException(where(file, record, j) + ": empty cell; give every sample a value in every "
                        + "column (nan for a missing one is refused later, too)");
            }
            int column = j;
            values[j] = number(cell).orElseThrow(() -> new LaeException(where(file, record, column) + ": '" + cell
                    + "' is not a number" + (header == CsvHeader.NO && record.getRecordNumber() == 1
                            ? "; if the first row names the columns, give --header yes (or auto)" : "")));
        }
        return values;
    }

    private static String checkedCell(Path file, CSVRecord record, int column) {
        String cell = record.get(column);
        if (cell.indexOf('\0') >= 0) {
            throw new LaeException(where(file, record, column) + ": a NUL byte: this is not a text CSV file");
        }
        return cell;
    }

    /**
     * @param cell a cell's text
     * @return its value when it is a number as NumPy reads one, else empty
     */
    static OptionalDouble number(String cell) {
        if (DECIMAL.matcher(cell).matches()) {
            return OptionalDouble.of(Double.parseDouble(cell));
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        if (NON_FINITE.matcher(lower).matches()) {
            boolean negative = lower.startsWith("-");
            return OptionalDouble.of(lower.contains("nan") ? Double.NaN
                    : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return OptionalDouble.empty();
    }

    private static String where(Path file, CSVRecord record, int column) {
        return file + ": row " + record.getRecordNumber() + ", column " + (column + 1);
    }
}
