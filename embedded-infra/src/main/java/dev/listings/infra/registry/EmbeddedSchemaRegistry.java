package dev.listings.infra.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent Schema Registry REST API (the part that Confluent's serdes and Python
 * client, Kafka UI and our own client use), storing its schemas in a compacted single-partition Kafka topic in
 * Confluent's {@code _schemas} format and replaying it at start, so ids survive restarts. Single instance: it is the
 * only writer of its topic. Serves on all interfaces; {@link #url()} names it by {@code localhost}.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  /** Default schema topic, the same as Confluent's (and {@code dev.listings.schemas.Topics.SCHEMAS}). */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

  private final SchemaLog log;
  private final HttpServer server;
  private final ExecutorService executor;

  private EmbeddedSchemaRegistry(SchemaLog log, HttpServer server, ExecutorService executor) {
    this.log = log;
    this.server = server;
    this.executor = executor;
  }

  /** Starts on {@code port} (0 = any free port; a busy port falls back to a free one) over {@value #DEFAULT_TOPIC}. */
  public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
    return start(bootstrapServers, port, DEFAULT_TOPIC);
  }

  /** As {@link #start(String, int)}, storing schemas in {@code topic} (kept apart from other registries' topics). */
  public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, String topic) {
    return start(new KafkaSchemaLog(bootstrapServers, topic), port);
  }

  static EmbeddedSchemaRegistry start(SchemaLog log, int port) {
    ExecutorService executor = null;
    try {
      RegistryService service = new RegistryService(log);
      HttpServer server = bind(port);
      executor = Executors.newFixedThreadPool(4, daemonThreads());
      server.createContext("/", new RegistryHttpHandler(new RegistryRoutes(service)));
      server.setExecutor(executor);
      server.start();
      EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(log, server, executor);
      LOG.info("Schema registry listening on {}", registry.url());
      return registry;
    } catch (RuntimeException e) {
      if (executor != null) {
        executor.shutdownNow();
      }
      log.close();
      throw e;
    }
  }

  public String url() {
    return "http://localhost:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.close();
  }

  private static HttpServer bind(int port) {
    try {
      try {
        return HttpServer.create(new InetSocketAddress(port), 0);
      } catch (BindException e) {
        LOG.warn("Port {} is busy; the schema registry takes a free port instead", port);
        return HttpServer.create(new InetSocketAddress(0), 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the schema registry's HTTP port", e);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
