package dev.listings.cleaner.rules;

/**
 * Why a line was rejected. The first nine are the cleaning rules in the order they are judged, so the primary reason of
 * a reject is the first failing rule in declaration order; the last three are raised by Kafka Streams' exception
 * handlers for records that failed before or after the rules could judge them.
 */
public enum RejectReason {
  MALFORMED_RECORD,
  MISSING_FIELD,
  PRICE_UNPARSEABLE,
  AREA_INVALID,
  DATE_INVALID,
  PROPERTY_TYPE_EXCLUDED,
  AREA_OUT_OF_RANGE,
  PRICE_PER_SQM_OUT_OF_RANGE,
  DATE_OUT_OF_RANGE,
  DESERIALIZATION_ERROR,
  PROCESSING_ERROR,
  PRODUCTION_ERROR;

  /** True for the reasons judged by the cleaning rules, false for the exception handlers' reasons. */
  public boolean isRule() {
    return ordinal() <= DATE_OUT_OF_RANGE.ordinal();
  }
}
