package dev.listings.local.bench;

import dev.listings.local.stack.Endpoints;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.usecases.pricepersqm.StatsKey;
import dev.listings.usecases.topology.UseCaseTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the raw, curated, price-per-sqm and price-change topics from the beginning with {@code read_committed} and
 * records when each record became visible. Runs on its own thread; {@link #stages()} once it stopped.
 */
final class LatencyTail implements Runnable {
  private final Endpoints endpoints;
  private final AtomicLongArray arrivals;
  private final int warmupObjects;
  private final Deserializer<CuratedListing> curatedReader;
  private final Deserializer<PriceChange> priceChangeReader;
  private final Histogram toRaw = LatencyBenchmark.histogram();
  private final Histogram toIngest = LatencyBenchmark.histogram();
  private final Histogram toCurated = LatencyBenchmark.histogram();
  private final Histogram ingestToCurated = LatencyBenchmark.histogram();
  private final Histogram toPriceChange = LatencyBenchmark.histogram();
  /** Per price-per-sqm group: arrival times of its curated lines, and visibility times of its updates. */
  private final Map<String, List<Long>> groupArrivals = new HashMap<>();
  private final Map<String, List<Long>> groupUpdates = new HashMap<>();
  /** Records of an object whose arrival the feeder had not stored yet: {object index, visible, kind}. */
  private final List<long[]> early = new ArrayList<>();
  private final AtomicLong curated = new AtomicLong();
  private final AtomicLong pricePerSqm = new AtomicLong();
  private final AtomicLong priceChanges = new AtomicLong();
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean stopped;
  private long clamped;

  LatencyTail(Endpoints endpoints, AtomicLongArray arrivals, int warmupObjects) {
    this.endpoints = endpoints;
    this.arrivals = arrivals;
    this.warmupObjects = warmupObjects;
    Map<String, Object> config = new HashMap<>();
    config.put("schema.registry.url", endpoints.schemaRegistryUrl());
    config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    config.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, CuratedListing.class);
    this.curatedReader = AvroSerdes.<CuratedListing>valueSerde(config).deserializer();
    config.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, PriceChange.class);
    this.priceChangeReader = AvroSerdes.<PriceChange>valueSerde(config).deserializer();
  }

  @Override
  public void run() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    // Fetches return as soon as anything is there; the broker would otherwise wait up to fetch.max.wait.ms.
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.RAW, Topics.CURATED, UseCaseTopology.PRICE_PER_SQM_TOPIC,
          UseCaseTopology.PRICE_CHANGES_TOPIC)) {
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      partitions.forEach(consumer::position);
      assigned.countDown();
      while (!stopped) {
        var records = consumer.poll(Duration.ofMillis(20));
        long visible = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          accept(record, visible);
        }
      }
    }
  }

  void awaitAssigned() throws InterruptedException {
    if (!assigned.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The latency consumer could not be assigned its topics");
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> record, long visible) {
    String topic = record.topic();
    if (topic.equals(Topics.RAW)) {
      Header key = record.headers().lastHeader(ProvenanceHeaders.SOURCE_KEY);
      int index = key == null ? -1 : LatencyBenchmark.indexOf(new String(key.value(), StandardCharsets.UTF_8));
      if (index >= 0) {
        recordSince(toRaw, index, visible, 0);
      }
    } else if (topic.equals(Topics.CURATED)) {
      CuratedListing listing = curatedReader.deserialize(record.topic(), record.headers(), record.value());
      int index = LatencyBenchmark.indexOf(listing.getSource().getKey());
      if (index < 0) {
        return;
      }
      curated.incrementAndGet();
      long ingestedAt = listing.getSource().getIngestedAt().toEpochMilli();
      if (index >= warmupObjects) {
        ingestToCurated.recordValue(Math.max(0, visible - ingestedAt));
      }
      recordSince(toCurated, index, visible, 1);
      long arrival = arrivals.get(index);
      if (index >= warmupObjects && arrival > 0) {
        recordClamped(toIngest, ingestedAt - arrival);
      }
      groupArrivals.computeIfAbsent(StatsKey.of(listing).topicKey(), k -> new ArrayList<>())
          .add(arrival > 0 ? arrival : -index - 1L);
    } else if (topic.equals(UseCaseTopology.PRICE_PER_SQM_TOPIC)) {
      pricePerSqm.incrementAndGet();
      groupUpdates.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(visible);
    } else if (topic.equals(UseCaseTopology.PRICE_CHANGES_TOPIC)) {
      PriceChange change = priceChangeReader.deserialize(record.topic(), record.headers(), record.value());
      String source = change.getSource();
      int index = source == null ? -1 : LatencyBenchmark.indexOf(source);
      if (index >= 0) {
        priceChanges.incrementAndGet();
        recordSince(toPriceChange, index, visible, 2);
      }
    }
  }

  private void recordSince(Histogram histogram, int index, long visible, int kind) {
    if (index < warmupObjects) {
      return;
    }
    long arrival = arrivals.get(index);
    if (arrival == 0) {
      early.add(new long[] {index, visible, kind});
      return;
    }
    recordClamped(histogram, visible - arrival);
  }

  private void recordClamped(Histogram histogram, long millis) {
    if (millis < 0) {
      clamped++;
    }
    histogram.recordValue(Math.max(0, millis));
  }

  long curatedSeen() {
    return curated.get();
  }

  long pricePerSqmSeen() {
    return pricePerSqm.get();
  }

  long priceChangesSeen() {
    return priceChanges.get();
  }

  long clamped() {
    return clamped;
  }

  void stop() {
    stopped = true;
  }

  /** The latencies; call once the tail stopped and every arrival is known. */
  List<LatencyBenchmark.Stage> stages() {
    List<Histogram> byKind = List.of(toRaw, toCurated, toPriceChange);
    for (long[] sample : early) {
      recordClamped(byKind.get((int) sample[2]), sample[1] - arrivals.get((int) sample[0]));
    }
    early.clear();
    Histogram toPricePerSqm = LatencyBenchmark.histogram();
    long measuredFrom = warmupObjects < arrivals.length() ? arrivals.get(warmupObjects) : Long.MAX_VALUE;
    for (Map.Entry<String, List<Long>> group : groupArrivals.entrySet()) {
      List<Long> times = new ArrayList<>(group.getValue().size());
      for (long t : group.getValue()) {
        times.add(t > 0 ? t : arrivals.get((int) (-t - 1)));
      }
      times.sort(null);
      List<Long> updates = groupUpdates.getOrDefault(group.getKey(), List.of());
      for (int k = 0; k < Math.min(times.size(), updates.size()); k++) {
        if (times.get(k) >= measuredFrom) {
          recordClamped(toPricePerSqm, updates.get(k) - times.get(k));
        }
      }
    }
    Map<String, Histogram> ordered = new LinkedHashMap<>();
    ordered.put(LatencyBenchmark.TO_INGEST, toIngest);
    ordered.put(LatencyBenchmark.TO_RAW, toRaw);
    ordered.put(LatencyBenchmark.INGEST_TO_CURATED, ingestToCurated);
    ordered.put(LatencyBenchmark.TO_CURATED, toCurated);
    ordered.put(LatencyBenchmark.TO_PRICE_CHANGE, toPriceChange);
    ordered.put(LatencyBenchmark.TO_PRICE_PER_SQM, toPricePerSqm);
    return ordered.entrySet().stream().map(e -> new LatencyBenchmark.Stage(e.getKey(), e.getValue())).toList();
  }
}
