package dev.listings.usecases.model;

/**
 * Composite keys joined with {@code |}. The municipality comes first and is free text that may itself contain a
 * {@code |}; the other parts never do, so keys are split at their last separators.
 */
public final class GroupKeys {
  public static final char SEPARATOR = '|';

  private GroupKeys() {}

  public static String join(String... parts) {
    return String.join(String.valueOf(SEPARATOR), parts);
  }

  /**
   * Splits {@code key} into {@code parts} parts, taking the last {@code parts - 1} separators, so that only the first
   * part may contain the separator.
   */
  public static String[] splitFromRight(String key, int parts) {
    String[] result = new String[parts];
    int end = key.length();
    for (int i = parts - 1; i > 0; i--) {
      int at = key.lastIndexOf(SEPARATOR, end - 1);
      if (at < 0) {
        throw new IllegalArgumentException("key '" + key + "' does not have " + parts + " parts");
      }
      result[i] = key.substring(at + 1, end);
      end = at;
    }
    result[0] = key.substring(0, end);
    return result;
  }
}
