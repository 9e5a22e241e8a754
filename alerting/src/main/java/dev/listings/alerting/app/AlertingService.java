package dev.listings.alerting.app;

import dev.listings.alerting.kafka.AlertingLoop;
import dev.listings.alerting.kafka.KafkaAlertPublisher;
import dev.listings.alerting.kafka.LoopStatus;
import dev.listings.alerting.notify.Dispatcher;
import dev.listings.alerting.rules.AlertEngine;
import dev.listings.alerting.rules.RejectRatioRule;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Wires the alerting at start: the engine from the configured rules, one delivery worker per configured notifier, a
 * producer for the alerts topic, and the consume loop on its own thread. Kafka settings come from Quarkus' {@code
 * kafka.*} properties (e.g. {@code kafka.bootstrap.servers}, or SASL settings for MSK IAM).
 */
@Startup
@ApplicationScoped
public class AlertingService {
  private static final Logger LOG = Logger.getLogger(AlertingService.class);

  @Inject AlertingConfig config;
  @Inject MeterRegistry registry;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafka;

  private Dispatcher dispatcher;
  private KafkaAlertPublisher publisher;
  private AlertingLoop loop;
  private Thread thread;

  @PostConstruct
  void start() {
    Clock clock = Clock.systemUTC();
    List<RejectRatioRule> ratioRules = AlertingSettings.ratioRules(config);
    AlertEngine engine = new AlertEngine(ratioRules,
        AlertingSettings.objectRules(config.objects()), AlertingSettings.appErrorRules(config.appErrors()), clock);
    dispatcher = NotifierFactory.dispatcher(config.notifiers(), registry, clock);
    publisher = new KafkaAlertPublisher(new KafkaProducer<>(producerConfig(), new StringSerializer(),
        new ByteArraySerializer()), config.topics().alerts(), registry);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    loop = new AlertingLoop(consumer, engine, alert -> {
      publisher.publish(alert);
      dispatcher.dispatch(alert);
    }, AlertingSettings.topics(config.topics()), AlertingSettings.loopSettings(config), clock, registry);
    thread = new Thread(loop, "alerting-loop");
    thread.start();
    LOG.infof("Alerting started: reject-ratio rules %s, notifiers %s",
        ratioRules.stream().map(RejectRatioRule::name).toList(), dispatcher.notifierNames());
  }

  void stop(@Observes ShutdownEvent event) {
    if (loop == null) {
      return;
    }
    loop.stop();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
    dispatcher.close(config.notifiers().drainOnShutdown());
  }

  public LoopStatus status() {
    return loop.status();
  }

  public List<String> notifiers() {
    return dispatcher.notifierNames();
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> props = new HashMap<>(kafka);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "listings-alerting-consumer");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // The cleaner writes rejects and the ledger in transactions: aborted records must not count.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "listings-alerting-producer");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // A send never holds the consume loop for long when the cluster is unreachable.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return props;
  }
}
