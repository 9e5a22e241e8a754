package dev.listings.usecases.query;

import org.apache.kafka.streams.state.HostInfo;

/** Where the store partition holding a key is. */
public sealed interface KeyLocation {

  record Local(int partition) implements KeyLocation {}

  record Remote(HostInfo owner) implements KeyLocation {}

  record Unknown(String reason) implements KeyLocation {}
}
