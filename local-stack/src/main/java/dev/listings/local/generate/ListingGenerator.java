package dev.listings.local.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic listings shaped like the scrapers' output, with the messiness real feeds have: prices in several
 * human formats and currencies, areas as numbers or strings with units, several date formats, exact re-scrapes
 * (duplicates), re-scrapes with a changed price, and a few broken lines. The same seed always gives the same bytes, so
 * demos and benchmarks are reproducible.
 */
public final class ListingGenerator {
  /** How the lines are mixed. Shares are of all lines; the rest are new listings. */
  public record Mix(double duplicateShare, double priceChangeShare, double brokenShare) {
    public static Mix realistic() {
      return new Mix(0.30, 0.08, 0.03);
    }
  }

  private static final int RECENT_POOL = 20_000;
  private static final String[] MUNICIPALITIES = {
    "Zürich", "Genève", "Basel", "Lausanne", "Bern", "Winterthur", "Luzern", "St. Gallen", "Lugano", "Biel/Bienne",
    "Thun", "Köniz", "La Chaux-de-Fonds", "Fribourg", "Schaffhausen", "Chur", "Vernier", "Neuchâtel", "Uster", "Sion",
    "Solothurn", "Volketswil", "Pont-de-la-Morge (Sion)", "Montreux", "Zug", "Aarau", "Baden", "Wil", "Kriens", "Olten"
  };
  private static final String[] TYPES = {"apartment", "apartment", "apartment", "house", "house", "studio", "loft"};

  private final SplittableRandom random;
  private final Mix mix;
  private final List<Listing> recent = new ArrayList<>();
  private long nextId;

  private record Listing(
      String id, long price, double area, String type, String municipality, LocalDate date, int priceStyle) {}

  public ListingGenerator(long seed, Mix mix) {
    this.random = new SplittableRandom(seed);
    this.mix = mix;
    this.nextId = random.nextLong(0x1000_0000L, 0x7fff_ffffL);
  }

  /** Writes {@code lines} lines to {@code out}; a name ending in {@code .gz} is gzip-compressed. */
  public static void writeFile(Path out, long lines, long seed, LongConsumer progress) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream raw = Files.newOutputStream(out);
        OutputStream maybeGzip = out.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        BufferedWriter writer =
            new BufferedWriter(new OutputStreamWriter(maybeGzip, StandardCharsets.UTF_8), 1 << 16)) {
      ListingGenerator generator = new ListingGenerator(seed, Mix.realistic());
      for (long i = 1; i <= lines; i++) {
        writer.write(generator.nextLine());
        writer.write('\n');
        if (i % 100_000 == 0) {
          progress.accept(i);
        }
      }
    }
    progress.accept(lines);
  }

  /** The next line, without its line terminator. */
  public String nextLine() {
    double roll = random.nextDouble();
    if (roll < mix.brokenShare()) {
      return brokenLine();
    }
    if (!recent.isEmpty() && roll < mix.brokenShare() + mix.duplicateShare()) {
      return format(recent.get(random.nextInt(recent.size())));
    }
    if (!recent.isEmpty() && roll < mix.brokenShare() + mix.duplicateShare() + mix.priceChangeShare()) {
      int index = random.nextInt(recent.size());
      Listing old = recent.get(index);
      long newPrice = Math.max(1_000, Math.round(old.price() * (0.85 + random.nextDouble() * 0.25) / 1000) * 1000);
      Listing changed =
          new Listing(old.id(), newPrice, old.area(), old.type(), old.municipality(), laterDate(old.date()),
              old.priceStyle());
      recent.set(index, changed);
      return format(changed);
    }
    Listing fresh = newListing();
    if (recent.size() < RECENT_POOL) {
      recent.add(fresh);
    } else {
      recent.set(random.nextInt(RECENT_POOL), fresh);
    }
    return format(fresh);
  }

  private Listing newListing() {
    String type = TYPES[random.nextInt(TYPES.length)];
    double area = Math.round(switch (type) {
      case "house" -> 90 + random.nextDouble() * 220;
      case "studio" -> 18 + random.nextDouble() * 25;
      default -> 35 + random.nextDouble() * 120;
    });
    if (random.nextDouble() < 0.02) {
      area = random.nextBoolean() ? 4 + random.nextInt(5) : 520 + random.nextInt(900); // out of range on purpose
    }
    double perSqm = 3_000 + random.nextDouble() * 11_000;
    if (random.nextDouble() < 0.03) {
      perSqm = random.nextBoolean() ? 50 + random.nextDouble() * 400 : 16_000 + random.nextDouble() * 30_000;
    }
    long price = Math.max(1_000, Math.round(area * perSqm / 1000) * 1000);
    LocalDate date = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(365 * 7));
    String id = String.format(Locale.ROOT, "%08x", nextId++);
    String municipality = MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)];
    return new Listing(id, price, area, type, municipality, date, random.nextInt(PriceFormats.STYLES));
  }

  private LocalDate laterDate(LocalDate date) {
    return date.plusDays(1 + random.nextInt(60));
  }

  private String format(Listing listing) {
    StringBuilder json = new StringBuilder(192);
    json.append("{\"id\":\"").append(listing.id()).append('"');
    json.append(",\"raw_price\":").append(PriceFormats.format(listing.price(), listing.priceStyle()));
    json.append(",\"living_area\":").append(AreaFormats.format(listing.area(), listing.id().hashCode()));
    json.append(",\"property_type\":\"").append(listing.type()).append('"');
    json.append(",\"municipality\":\"").append(listing.municipality()).append('"');
    json.append(",\"scraping_date\":\"").append(DateFormats.format(listing.date(), listing.id().hashCode()))
        .append('"');
    return json.append('}').toString();
  }

  private String brokenLine() {
    Listing listing = newListing();
    String full = format(listing);
    return switch (random.nextInt(5)) {
      case 0 -> full.substring(0, full.length() / 2); // cut mid-line
      case 1 -> full.replace("\"raw_price\":" + PriceFormats.format(listing.price(), listing.priceStyle()),
          "\"raw_price\":\"Price on request\"");
      case 2 -> full.replaceFirst(",\"scraping_date\":\"[^\"]*\"", ""); // missing field
      case 3 -> full.replaceFirst("\"scraping_date\":\"[^\"]*\"", "\"scraping_date\":\"2021-02-30\"");
      default -> "not json at all: " + listing.id();
    };
  }
}
