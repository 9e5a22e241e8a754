package dev.listings.alerting.model;

/** What an alert is about; each kind is produced by one watch. */
public enum AlertKind {
  /** Too large a share of a source's lines rejected over a sliding window. */
  REJECT_RATIO,
  /** The ingest audit reported an object as failed. */
  OBJECT_FAILED,
  /** An ingested object's lines were not all curated, rejected or counted as duplicates in time. */
  OBJECT_UNACCOUNTED,
  /** An app reported error events (dead stream thread, handler-routed records, ...). */
  APP_ERROR
}
