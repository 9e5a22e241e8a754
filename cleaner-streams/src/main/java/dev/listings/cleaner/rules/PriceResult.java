package dev.listings.cleaner.rules;

/** The result of reading a price: an amount with its currency, or why the text is not a price. */
public sealed interface PriceResult permits PriceResult.Amount, PriceResult.Unparseable {

  /**
   * A positive amount.
   *
   * @param currency ISO 4217 code when the text stated a currency, else null
   */
  record Amount(double value, String currency) implements PriceResult {}

  /** Not a positive amount; {@code why} completes the sentence "the price ...". */
  record Unparseable(String why) implements PriceResult {}
}
