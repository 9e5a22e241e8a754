package dev.listings.k8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a Quarkus app reads, and which environment variables set them. SmallRye Config maps a
 * variable to a key by upper-casing the key and replacing every character that is not a letter or digit by
 * {@code _} ({@code cleaner.rules.max-living-area} ⇐ {@code CLEANER_RULES_MAX_LIVING_AREA}); it can only do so for keys
 * it knows: those of the {@code @ConfigMapping} interfaces (map keys being free), those in application.properties
 * (with or without a profile), and variables named in {@code ${NAME:default}} expressions. A variable matching none of
 * them is silently ignored by the app, which is the mistake this class lets a test catch.
 */
public final class ConfigKeys {
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
  private static final Pattern PROFILED = Pattern.compile("^%[^.]+\\.(.+)$");

  private final List<Key> keys = new ArrayList<>();
  private final Set<String> expressionVariables = new LinkedHashSet<>();
  private final Map<String, String> properties = new LinkedHashMap<>();

  /** A key pattern: literal segments, with {@code *} for a map key; {@code type} null for untyped properties. */
  public record Key(String pattern, Type type) {
    public Pattern environmentName() {
      StringBuilder regex = new StringBuilder("^");
      String[] parts = pattern.split("\\*", -1);
      for (int i = 0; i < parts.length; i++) {
        regex.append(Pattern.quote(envName(parts[i])));
        if (i < parts.length - 1) {
          regex.append("[A-Z0-9_]+");
        }
      }
      return Pattern.compile(regex.append('$').toString());
    }
  }

  private ConfigKeys() {}

  /** The keys of an app: its {@code @ConfigMapping} interfaces and its application.properties. */
  public static ConfigKeys of(Path applicationProperties, Class<?>... mappings) {
    ConfigKeys config = new ConfigKeys();
    for (Class<?> mapping : mappings) {
      ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
      if (annotation == null) {
        throw new IllegalArgumentException(mapping + " is not a @ConfigMapping");
      }
      config.walk(mapping, annotation.prefix());
    }
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(applicationProperties)) {
      file.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String name : file.stringPropertyNames()) {
      String value = file.getProperty(name);
      Matcher profiled = PROFILED.matcher(name);
      String key = profiled.matches() ? profiled.group(1) : name;
      config.properties.putIfAbsent(key, value);
      config.keys.add(new Key(key, null));
      Matcher expression = EXPRESSION.matcher(value);
      while (expression.find()) {
        config.expressionVariables.add(expression.group(1));
      }
    }
    return config;
  }

  /** SmallRye Config's environment variable name for a key. */
  public static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** The keys a variable sets (several when a property and a mapping key coincide); empty when none. */
  public List<Key> keysFor(String variable) {
    List<Key> matches = new ArrayList<>();
    for (Key key : keys) {
      if (key.environmentName().matcher(variable).matches()) {
        matches.add(key);
      }
    }
    return matches;
  }

  /** Whether the app reads the variable: it sets a known key or appears in a ${...} expression. */
  public boolean reads(String variable) {
    return expressionVariables.contains(variable) || !keysFor(variable).isEmpty();
  }

  /** application.properties, profile prefixes removed (the first definition of each key). */
  public Map<String, String> properties() {
    return properties;
  }

  /** application.properties value for a profile ({@code %profile.key} first, then {@code key}). */
  public static String property(Path applicationProperties, String profile, String key) {
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(applicationProperties)) {
      file.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String profiled = file.getProperty("%" + profile + "." + key);
    return profiled != null ? profiled : file.getProperty(key);
  }

  /** The problem with a value for the variable, or null when the value converts to every typed key it sets. */
  public String checkValue(String variable, String value) {
    for (Key key : keysFor(variable)) {
      if (key.type() != null && value != null) {
        String problem = Values.check(key.type(), value);
        if (problem != null) {
          return variable + "=" + value + " (" + key.pattern() + "): " + problem;
        }
      }
    }
    return null;
  }

  private void walk(Class<?> group, String prefix) {
    for (Method method : group.getMethods()) {
      if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0
          || method.getDeclaringClass() == Object.class) {
        continue;
      }
      String name = method.isAnnotationPresent(WithParentName.class) ? null
          : method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
          : kebab(method.getName());
      String path = name == null ? prefix : prefix + "." + name;
      add(path, method.getGenericReturnType());
    }
  }

  private void add(String path, Type type) {
    Type unwrapped = unwrapOptional(type);
    if (unwrapped instanceof ParameterizedType parameterized
        && parameterized.getRawType() == Map.class) {
      Type value = parameterized.getActualTypeArguments()[1];
      if (isGroup(value)) {
        walk((Class<?>) value, path + ".*");
      } else {
        keys.add(new Key(path + ".*", value));
      }
    } else if (isGroup(unwrapped)) {
      walk((Class<?>) unwrapped, path);
    } else {
      keys.add(new Key(path, unwrapped));
    }
  }

  private static Type unwrapOptional(Type type) {
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
      return parameterized.getActualTypeArguments()[0];
    }
    if (type == OptionalInt.class) {
      return int.class;
    }
    if (type == OptionalLong.class) {
      return long.class;
    }
    if (type == OptionalDouble.class) {
      return double.class;
    }
    return type;
  }

  /** A nested configuration group: an interface of the app's own, not a JDK collection type. */
  private static boolean isGroup(Type type) {
    return type instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.")
        && !Collection.class.isAssignableFrom(c);
  }

  static String kebab(String methodName) {
    return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
