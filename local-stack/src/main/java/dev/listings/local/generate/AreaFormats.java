package dev.listings.local.generate;

/** Living areas as scrapers send them: mostly numbers, sometimes strings with a unit. */
final class AreaFormats {
  private AreaFormats() {}

  static String format(double area, int variant) {
    long whole = Math.round(area);
    return switch (Math.floorMod(variant, 10)) {
      case 0 -> "\"" + whole + " m²\"";
      case 1 -> "\"" + whole + "m2\"";
      case 2 -> "\"" + whole + " sqm\"";
      default -> Double.toString(area);
    };
  }
}
