package dev.listings.k8s.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** YAML documents as plain maps and lists, the form kustomize works on. */
public final class Yaml {
  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private Yaml() {}

  /** Every non-empty document of a file, in order. */
  public static List<Map<String, Object>> documents(Path file) {
    try (var parser = MAPPER.getFactory().createParser(file.toFile())) {
      List<Map<String, Object>> documents = new ArrayList<>();
      var values = MAPPER.readValues(parser, new TypeReference<LinkedHashMap<String, Object>>() {});
      while (values.hasNext()) {
        Map<String, Object> document = values.next();
        if (document != null && !document.isEmpty()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  public static Map<String, Object> single(Path file) {
    List<Map<String, Object>> documents = documents(file);
    if (documents.size() != 1) {
      throw new KustomizeException(file + " must hold exactly one document, has " + documents.size());
    }
    return documents.get(0);
  }

  public static Map<String, Object> parse(String text) {
    try {
      return MAPPER.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A deep copy (maps keep their order). */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, copy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copy(v)));
      return (T) copy;
    }
    return value;
  }
}
