package dev.listings.cleaner.bench;

import dev.listings.cleaner.rules.PriceParser;
import dev.listings.cleaner.rules.PriceResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Price strings read per second on one thread, over a mix of the formats seen in listings (one in eight refused).
 * Run: {@code ./mvnw -pl cleaner-streams -Pbench test-compile exec:exec} (see the module README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PriceParserBenchmark {
  static final String[] PRICES = {
    "530 000€/mo.", "1 573 000€/mo.", "CHF 1'250'000.–", "Fr. 890'000", "€ 450.000", "450,000 EUR", "1.2 Mio. CHF",
    "750k", "$1,200,000", "530\u202F000 €", "Price on request", "CHF 2'350'000", "1 190 000€/mo.", "£350,000",
    "USD 99,500.50", "auf Anfrage"
  };

  @Benchmark
  @OperationsPerInvocation(16)
  public void parseMixedFormats(Blackhole blackhole) {
    for (String price : PRICES) {
      PriceResult result = PriceParser.parse(price);
      blackhole.consume(result);
    }
  }
}
