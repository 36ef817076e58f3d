package io.lae.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kernels that {@code kernels.cu} declares, read from its {@code extern "C" __global__} lines. */
final class KernelSource {

    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(([^)]*)\\)");
    private static final Pattern PARAMETER = Pattern.compile("(?:const\\s+)?(long long|\\w+)\\s*(\\*?)\\s*(\\w+)");

    /**
     * A kernel's declaration.
     *
     * @param name       its name
     * @param parameters each parameter as "type name", without {@code const}: {@code real* x}, {@code long long count}
     */
    record Declaration(String name, List<String> parameters) {
    }

    private KernelSource() {
    }

    /** @return the kernels {@link Kernels#source()} declares, in its order */
    static List<Declaration> declarations() {
        Matcher m = KERNEL.matcher(Kernels.source());
        List<Declaration> kernels = new ArrayList<>();
        while (m.find()) {
            List<String> parameters = new ArrayList<>();
            for (String text : Arrays.stream(m.group(2).split(",")).map(String::strip).toList()) {
                Matcher p = PARAMETER.matcher(text);
                if (!p.matches()) {
                    throw new IllegalStateException("kernels.cu: cannot read parameter '" + text + "' of " + m.group(1));
                }
                parameters.add(p.group(1) + p.group(2) + " " + p.group(3));
            }
            kernels.add(new Declaration(m.group(1), List.copyOf(parameters)));
        }
        return kernels;
    }

    /** @return the names of the kernels declared in kernels.cu */
    static List<String> names() {
        return declarations().stream().map(Declaration::name).toList();
    }
}
