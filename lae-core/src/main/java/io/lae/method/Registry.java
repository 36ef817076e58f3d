package io.lae.method;

import io.lae.LaeException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The methods of one kind, in the order the documentation lists them; the only place where they are
 * enumerated.
 *
 * @param <M>    the kind's entry type
 * @param kind   what a user calls the kind in a message ({@code loss}, {@code --rule}, {@code --optimizer})
 * @param methods the entries, names unique
 */
public record Registry<M extends Method>(String kind, List<M> methods) {

    /** Copies the list; refuses a name given twice. */
    public Registry {
        methods = List.copyOf(methods);
        List<String> names = methods.stream().map(Method::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("a " + kind + " name is registered twice: " + names);
        }
    }

    /** @return the names, in the registry's order */
    public List<String> names() {
        return methods.stream().map(Method::name).toList();
    }

    /**
     * @param name a name as given
     * @return its entry
     * @throws LaeException naming the known names when there is none of that name
     */
    public M named(String name) {
        return find(name).orElseThrow(() -> new LaeException("unknown " + kind + " '" + name + "': use one of "
                + String.join(", ", names())));
    }

    /**
     * @param name a name, or null
     * @return its entry, or empty
     */
    public Optional<M> find(String name) {
        return methods.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * @param hyperparameter a setting's name
     * @return the names of the methods that take it, joined with commas
     */
    public String takers(String hyperparameter) {
        return methods.stream()
                .filter(m -> m.hyperparameters().stream().anyMatch(h -> h.name().equals(hyperparameter)))
                .map(Method::name).collect(Collectors.joining(", "));
    }

    /**
     * Resolves the settings given for one method: refuses a setting it does not take, fills the defaults and
     * validates every value for latent size p.
     *
     * @param method the method
     * @param given  the settings as given
     * @param p      the latent size
     * @return the settings with every hyperparameter of the method present (or null where it has no default and
     *     none was given, which {@link Hyperparameter#resolve} refuses)
     * @throws LaeException for a setting of another method, a missing one without default, or a value out of range
     */
    public Settings resolve(M method, Settings given, int p) {
        for (String name : given.names()) {
            if (method.hyperparameters().stream().noneMatch(h -> h.name().equals(name))) {
                throw new LaeException("--" + name + " does not apply to " + kind + " '" + method.name()
                        + "' (only to " + takers(name) + "): remove it");
            }
        }
        Settings resolved = Settings.NONE;
        for (Hyperparameter<?> h : method.hyperparameters()) {
            resolved = resolved.withResolved(h, given, kind + " '" + method.name() + "'", p);
        }
        return resolved;
    }

    @Override
    public String toString() {
        return kind + " " + names();
    }
}
