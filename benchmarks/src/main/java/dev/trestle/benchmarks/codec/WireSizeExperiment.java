package dev.trestle.benchmarks.codec;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.codec.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Protobuf is smaller than JSON, and JSON smaller than XML" and "compression narrows the gap":
 * bytes per message of each dataset in each format, raw and gzip-compressed one message at a time,
 * from seeded samples through Trestle's codecs. Deterministic. Per dataset it reports whether
 * protobuf &lt; JSON &lt; XML holds raw and after gzip, and whether gzip brings protobuf's size
 * closer to JSON's (the protobuf/JSON ratio after gzip is nearer 1 than before).
 */
public final class WireSizeExperiment implements ClaimExperiment {

  private static final long SEED = 2026L;

  @Override
  public String id() {
    return "codec.wire-size";
  }

  @Override
  public List<String> claimIds() {
    return Dataset.all().stream().flatMap(d -> java.util.stream.Stream.of("codec.smaller-raw." + d.name(),
        "codec.smaller-gzip." + d.name(), "codec.gzip-narrows-gap." + d.name())).toList();
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int count = context.scale(200, 1000);
    List<Claim> claims = new ArrayList<>();
    for (Dataset<?> dataset : Dataset.all()) {
      SizeTable table = table(dataset, count);
      System.out.print(table.toText());
      String chart = context.saveChart(SizeCharts.chart(table), "codec-wire-size-" + dataset.name(),
          ReportContext.Better.LOWER, "1 seeded run of " + count + " messages");
      claims.addAll(claims(table, chart));
    }
    SizeTable reference = WireSizes.of(Dataset.MEDIA_CONTENT, List.of(Dataset.MEDIA_CONTENT.reference()));
    System.out.print("jvm-serializers media.1 object:\n" + reference.toText());
    return claims;
  }

  private static <T> SizeTable table(Dataset<T> dataset, int count) {
    return WireSizes.of(dataset, dataset.generate(SEED, count));
  }

  static List<Claim> claims(SizeTable table, String chart) {
    WireSize json = table.row("json");
    WireSize xml = table.row("xml");
    WireSize protobuf = table.row("protobuf");
    WireSize protobufJson = table.row("protobuf-json");
    String dataset = table.dataset();
    int messages = json.messages();
    String how = messages + " seeded messages of the " + dataset + " dataset through Trestle's codecs; gzip is level 6, "
        + "each message compressed alone (as an HTTP body or a queue record), header included.";

    boolean rawOrder = protobuf.rawBytes() < json.rawBytes() && json.rawBytes() < xml.rawBytes();
    Claim.Builder raw = Claim.builder("codec.smaller-raw." + dataset, "codec",
            "Protobuf is smaller than JSON, and JSON smaller than XML (" + dataset + ", raw)")
        .measured("bytes per message, protobuf vs JSON", protobuf.rawPerMessage(), json.rawPerMessage(), "bytes")
        .holds(rawOrder).chart(chart).notes(how);
    details(raw, table, false);

    boolean gzipOrder = protobuf.gzipBytes() < json.gzipBytes() && json.gzipBytes() < xml.gzipBytes();
    Claim.Builder gzip = Claim.builder("codec.smaller-gzip." + dataset, "codec",
            "Protobuf is smaller than JSON, and JSON smaller than XML, after gzip (" + dataset + ")")
        .measured("gzipped bytes per message, protobuf vs JSON", protobuf.gzipPerMessage(), json.gzipPerMessage(), "bytes")
        .holds(gzipOrder).chart(chart).notes(how);
    details(gzip, table, true);

    double rawRatio = (double) protobuf.rawBytes() / json.rawBytes();
    double gzipRatio = (double) protobuf.gzipBytes() / json.gzipBytes();
    double xmlRaw = (double) xml.rawBytes() / json.rawBytes();
    double xmlGzip = (double) xml.gzipBytes() / json.gzipBytes();
    Claim narrows = Claim.builder("codec.gzip-narrows-gap." + dataset, "codec",
            "Compression narrows the gap between Protobuf and JSON (" + dataset + ")")
        .measured("protobuf/JSON size ratio after gzip vs raw", gzipRatio, rawRatio, "ratio")
        .holds(Math.abs(1 - gzipRatio) < Math.abs(1 - rawRatio))
        .detail("xml/json raw", round(xmlRaw))
        .detail("xml/json gzip", round(xmlGzip))
        .detail("protobuf-json/json raw", round((double) protobufJson.rawBytes() / json.rawBytes()))
        .detail("protobuf-json/json gzip", round((double) protobufJson.gzipBytes() / json.gzipBytes()))
        .chart(chart)
        .notes(how + " Holds when the protobuf/JSON ratio after gzip is nearer 1 than the raw one.")
        .build();
    return List.of(raw.build(), gzip.build(), narrows);
  }

  private static void details(Claim.Builder claim, SizeTable table, boolean gzip) {
    for (WireSize row : table.rows()) {
      claim.detail(row.format() + (gzip ? " gzip" : " raw") + " bytes/msg", round(gzip ? row.gzipPerMessage() : row.rawPerMessage()));
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
