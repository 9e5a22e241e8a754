package dev.listings.cleaner.app;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.registry.EmbeddedSchemaRegistry;

/** The infrastructure the app under test runs against, handed to the test by {@link CleanerStackResource}. */
record CleanerStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {}
