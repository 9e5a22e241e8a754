package dev.listings.sink.read;

/** A data file of a table's current snapshot: where it is, its rows and bytes, and its partition as text. */
public record LiveFile(String location, long records, long sizeBytes, String partition) {}
