package dev.listings.usecases.topology;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Forwards each record unchanged but with no headers (why: {@link UseCaseTopology#build()}). */
final class WithoutHeaders<K, V> implements FixedKeyProcessor<K, V, V> {
  private FixedKeyProcessorContext<K, V> context;

  @Override
  public void init(FixedKeyProcessorContext<K, V> processorContext) {
    this.context = processorContext;
  }

  @Override
  public void process(FixedKeyRecord<K, V> record) {
    context.forward(record.withHeaders(new RecordHeaders()));
  }
}
