package io.lae.data;

import io.lae.LaeException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.factory.Nd4j;

/** Reads a numeric CSV file (samples as rows; a first row that is not numeric is taken as a header). */
final class CsvFiles {

    private CsvFiles() {
    }

    static DataSource read(Path file) {
        List<double[]> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build().parse(reader)) {
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // blank line
                }
                double[] row = parse(file, record, rows.isEmpty());
                if (row == null) {
                    continue; // the header
                }
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new LaeException(file + ": row " + record.getRecordNumber() + " has " + row.length
                            + " values but the first row has " + rows.get(0).length + ": every sample needs the same features");
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new LaeException(file + ": file not found");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LaeException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new LaeException(file + ": no data rows: put one sample per line, values separated by commas");
        }
        return new InMemorySource(file + " (" + rows.size() + "×" + rows.get(0).length + ")",
                Nd4j.createFromArray(rows.toArray(double[][]::new)), null);
    }

    /** @return the values, or null for a non-numeric first row (a header) */
    private static double[] parse(Path file, CSVRecord record, boolean first) {
        double[] values = new double[record.size()];
        for (int j = 0; j < values.length; j++) {
            try {
                values[j] = Double.parseDouble(record.get(j));
            } catch (NumberFormatException e) {
                if (first && record.getRecordNumber() == 1) {
                    return null;
                }
                throw new LaeException(file + ": row " + record.getRecordNumber() + ", column " + (j + 1) + ": '"
                        + record.get(j) + "' is not a number");
            }
        }
        return values;
    }
}
