package dev.listings.usecases.topology;

import dev.listings.schemas.Topics;
import java.util.Map;

/**
 * Topic names of the use-case application: the curated input and one output topic per use case, which defaults to
 * {@code usecase.<name>.v1} unless overridden.
 */
public record UseCaseTopics(String curated, Map<String, String> outputOverrides) {

  public UseCaseTopics {
    if (curated == null || curated.isBlank()) {
      throw new IllegalArgumentException("curated topic name must not be blank");
    }
    outputOverrides = Map.copyOf(outputOverrides);
  }

  /** The default names: {@link Topics#CURATED} and {@code usecase.<name>.v1}. */
  public static UseCaseTopics defaults() {
    return new UseCaseTopics(Topics.CURATED, Map.of());
  }

  public static String defaultOutputTopic(String useCase) {
    return "usecase." + useCase + ".v1";
  }

  public String output(String useCase) {
    return outputOverrides.getOrDefault(useCase, defaultOutputTopic(useCase));
  }
}
