package dev.listings.usecases.topology;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The use cases on the class path, found through {@link ServiceLoader}, by name. Names, tables and CSV names are unique
 * across the catalog.
 */
public final class UseCaseCatalog {
  private final Map<String, UseCase> byName;

  private UseCaseCatalog(Map<String, UseCase> byName) {
    this.byName = byName;
  }

  /** Every {@link UseCase} listed in {@code META-INF/services/dev.listings.usecases.topology.UseCase}. */
  public static UseCaseCatalog discover() {
    Map<String, UseCase> found = new LinkedHashMap<>();
    for (UseCase useCase : ServiceLoader.load(UseCase.class, UseCase.class.getClassLoader())) {
      if (useCase.results() == null) {
        throw new IllegalStateException("use case " + useCase.name() + " (" + useCase.getClass()
            + ") does not describe its results");
      }
      UseCase previous = found.putIfAbsent(useCase.name(), useCase);
      if (previous != null && previous.getClass() != useCase.getClass()) {
        throw new IllegalStateException(
            "two use cases are named " + useCase.name() + ": " + previous.getClass() + ", " + useCase.getClass());
      }
    }
    requireDistinct(found.values(), "table", u -> u.results().table());
    requireDistinct(found.values(), "CSV name", u -> u.results().csvName());
    return new UseCaseCatalog(found);
  }

  private static void requireDistinct(
      Collection<UseCase> useCases, String what, Function<UseCase, String> attribute) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (UseCase useCase : useCases) {
      String previous = seen.putIfAbsent(attribute.apply(useCase), useCase.name());
      if (previous != null) {
        throw new IllegalStateException("use cases " + previous + " and " + useCase.name() + " have the same " + what
            + " " + attribute.apply(useCase));
      }
    }
  }

  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /** The named use cases, in catalog order; an unknown name is a configuration error. */
  public List<UseCase> select(Collection<String> names) {
    Set<String> unknown = new TreeSet<>(names);
    unknown.removeAll(byName.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown use case(s) " + unknown + "; available: " + names());
    }
    return byName.values().stream().filter(u -> names.contains(u.name())).toList();
  }
}
