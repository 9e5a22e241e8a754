package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.Failure;
import dev.listings.cleaner.rules.ListingJudge;
import dev.listings.cleaner.rules.RejectReason;
import dev.listings.cleaner.rules.Verdict;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
import java.time.Clock;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Judges each raw line: accepted lines go on keyed by listing id (marked when the raw record was keyed by it
 * already, see {@link RawRecordKeys}), rejected lines become reject records (counted in
 * this task's ledger). Lines the connector flagged as cut or as invalid UTF-8 are rejected as malformed, never
 * repaired. A re-driven line (header {@code redrive.of}) is judged like any other and counted under its re-drive run.
 */
final class JudgeProcessor implements Processor<byte[], byte[], String, Routed> {
  private final ListingJudge judge;
  private final String rulesVersion;
  private final LedgerTracker ledger;
  private final Clock clock;
  private final int rawMaxChars;
  private final OutcomeListener listener;
  private final RawHeaderReader headerReader = new RawHeaderReader();
  private ProcessorContext<String, Routed> context;

  JudgeProcessor(ListingJudge judge, String rulesVersion, LedgerTracker ledger, Clock clock, int rawMaxChars,
      OutcomeListener listener) {
    this.judge = judge;
    this.rulesVersion = rulesVersion;
    this.ledger = ledger;
    this.clock = clock;
    this.rawMaxChars = rawMaxChars;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Routed> processorContext) {
    this.context = processorContext;
    ledger.init(processorContext);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Headers headers = record.headers();
    RawHeaderReader.RawHeaders read = headerReader.read(headers);
    Provenance provenance = read.provenance();
    Verdict verdict = flaggedByIngest(read);
    if (verdict == null) {
      verdict = judge.judge(record.value());
    }
    if (verdict instanceof Verdict.Accepted accepted) {
      JudgedListing judged = new JudgedListing(accepted.listing(), provenance, rulesVersion);
      boolean keyedById = RawRecordKeys.isKeyedBy(record.key(), accepted.id());
      context.forward(new Record<>(accepted.id(), new Routed.ToDedupe(judged, keyedById), record.timestamp(),
          headers));
      return;
    }
    Verdict.Rejected rejected = (Verdict.Rejected) verdict;
    Reject reject = new Reject(
        rejected.reasons().stream().map(RejectReason::name).toList(),
        rejected.failures().stream().map(Failure::message).collect(Collectors.joining("; ")),
        rejected.id(),
        RawText.of(record.value(), rawMaxChars),
        provenance,
        clock.instant(),
        rulesVersion,
        null);
    String reason = reject.reason();
    String key = reject.key(context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("unknown"));
    context.forward(new Record<>(key, new Routed.ToRejects(CleanerJson.reject(reject, rawMaxChars)),
        record.timestamp(), RejectHeaders.of(headers, reason)));
    ledger.rejected(provenance, read.redriveRun(), reason, record.timestamp());
    listener.rejected(reason);
  }

  private static Verdict flaggedByIngest(RawHeaderReader.RawHeaders headers) {
    if (headers.truncated()) {
      return Verdict.Rejected.of(null, RejectReason.MALFORMED_RECORD,
          "the line was longer than the ingest limit and was cut (" + ProvenanceHeaders.LINE_TRUNCATED
              + "); it is rejected, never repaired");
    }
    if (headers.invalidUtf8()) {
      return Verdict.Rejected.of(null, RejectReason.MALFORMED_RECORD,
          "the line is not valid UTF-8 (" + ProvenanceHeaders.LINE_INVALID_UTF8 + "); it is rejected, never repaired");
    }
    return null;
  }
}
