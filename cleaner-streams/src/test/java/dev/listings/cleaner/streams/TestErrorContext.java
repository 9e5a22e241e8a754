package dev.listings.cleaner.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/** An {@link ErrorHandlerContext} with given values, for calling handlers directly. */
record TestErrorContext(String topic, int partition, long offset, Headers headers, String processorNodeId,
    TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {}
