package dev.listings.k8s.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a text converts to a configuration type the way SmallRye Config and Quarkus convert it. */
final class Values {
  /** Quarkus' duration shorthand: a number with an optional ms/s/m/h/d unit (seconds without one). */
  private static final Pattern SHORT_DURATION = Pattern.compile("^\\d+(ms|s|m|h|d)?$");

  private Values() {}

  /** The problem, or null when {@code value} converts to {@code type}. */
  static String check(Type type, String value) {
    String text = value.trim();
    if (type instanceof ParameterizedType parameterized
        && Collection.class.isAssignableFrom((Class<?>) parameterized.getRawType())) {
      for (String element : text.split(",")) {
        String problem = check(parameterized.getActualTypeArguments()[0], element);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    try {
      if (c == int.class || c == Integer.class) {
        Integer.parseInt(text);
      } else if (c == long.class || c == Long.class) {
        Long.parseLong(text);
      } else if (c == double.class || c == Double.class) {
        Double.parseDouble(text);
      } else if (c == boolean.class || c == Boolean.class) {
        if (!Pattern.compile("^(?i)(true|false|yes|no|on|off|y|n|1|0)$").matcher(text).matches()) {
          return "not a boolean";
        }
      } else if (c == Duration.class) {
        if (!SHORT_DURATION.matcher(text).matches()) {
          Duration.parse(text.toUpperCase(Locale.ROOT));
        }
      } else if (c == URI.class) {
        URI.create(text);
      } else if (c == LocalDate.class) {
        LocalDate.parse(text);
      } else if (c.isEnum()) {
        boolean known = false;
        for (Object constant : c.getEnumConstants()) {
          String name = ((Enum<?>) constant).name();
          known |= name.equalsIgnoreCase(text) || name.replace('_', '-').equalsIgnoreCase(text);
        }
        if (!known) {
          return "not one of " + java.util.Arrays.toString(c.getEnumConstants());
        }
      }
      return null;
    } catch (RuntimeException e) {
      return "not a " + c.getSimpleName() + " (" + e.getMessage() + ")";
    }
  }
}
