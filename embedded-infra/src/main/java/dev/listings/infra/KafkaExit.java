package dev.listings.infra;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's servers from ending the JVM that hosts them. Kafka's broker and Connect worker call
 * {@code Exit.exit}/{@code Exit.halt} on fatal faults, written for a process of their own; here the JVM is the local
 * stack or a test run, so the request is logged and thrown in the calling thread instead, which stops the work that
 * failed (a failed start surfaces to the caller) and leaves the rest of the JVM running.
 */
final class KafkaExit {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaExit.class);
  private static boolean redirected;

  private KafkaExit() {}

  static synchronized void redirect() {
    if (redirected) {
      return;
    }
    Exit.setExitProcedure((code, message) -> refuse("exit", code, message));
    Exit.setHaltProcedure((code, message) -> refuse("halt", code, message));
    redirected = true;
  }

  private static void refuse(String kind, int code, String message) {
    LOG.error("Kafka asked to {} the JVM with status {}: {}", kind, code, message);
    throw new IllegalStateException("Kafka asked to " + kind + " with status " + code + ": " + message);
  }
}
