package dev.listings.usecases.topology;

import java.util.Objects;

/**
 * An enabled use case's results where they are published: its name, its configured output topic and the description
 * of its results ({@link UseCase#results()}).
 */
public record ResultsTopic(String useCase, String topic, UseCaseResults results) {

  public ResultsTopic {
    Objects.requireNonNull(useCase, "useCase");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(results, "results");
  }
}
