package dev.trestle.benchmarks.codec;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.codec.Codec;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * "Binary formats encode and decode faster": a short timed run, in this JVM, of encode and decode
 * per message for each format and dataset (warm-up, then 5 rounds that interleave the formats,
 * keeping each format's fastest round). It is a first look that the report can give in seconds; the careful figures
 * come from {@code codec.EncodeBenchmark} and {@code codec.DecodeBenchmark} under JMH.
 */
public final class CodecSpeedExperiment implements ClaimExperiment {

  private static final int ROUNDS = 5;
  private static volatile Object sink;

  @Override
  public String id() {
    return "codec.speed";
  }

  @Override
  public List<String> claimIds() {
    return Dataset.all().stream().map(d -> "codec.binary-faster." + d.name()).toList();
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    long warmupNanos = context.quick() ? 400_000_000L : 1_000_000_000L;
    long measureNanos = context.quick() ? 500_000_000L : 2_000_000_000L;
    List<Claim> claims = new ArrayList<>();
    for (Dataset<?> dataset : Dataset.all()) {
      Object[] values = CodecBenchmarkState.samples(dataset.name());
      List<Codec<Object>> codecs = new ArrayList<>();
      List<byte[][]> encodings = new ArrayList<>();
      for (Format format : Format.values()) {
        Codec<Object> codec = CodecBenchmarkState.codec(format.codecName(), dataset.name());
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
          encoded[i] = codec.encode(values[i]);
        }
        codecs.add(codec);
        encodings.add(encoded);
        time(() -> encodeAll(codec, values), warmupNanos / 2);
        time(() -> decodeAll(codec, encoded), warmupNanos / 2);
      }
      // Rounds interleave the formats and each keeps its fastest round, so a burst of load from
      // other processes lands on one round of one format rather than on the comparison.
      Map<String, double[]> nanos = new LinkedHashMap<>(); // format -> {encode, decode}
      for (Format format : Format.values()) {
        nanos.put(format.codecName(), new double[] {Double.MAX_VALUE, Double.MAX_VALUE});
      }
      for (int round = 0; round < ROUNDS; round++) {
        for (int f = 0; f < codecs.size(); f++) {
          Codec<Object> codec = codecs.get(f);
          byte[][] encoded = encodings.get(f);
          double[] best = nanos.get(Format.values()[f].codecName());
          best[0] = Math.min(best[0], time(() -> encodeAll(codec, values), measureNanos / ROUNDS) / values.length);
          best[1] = Math.min(best[1], time(() -> decodeAll(codec, encoded), measureNanos / ROUNDS) / values.length);
        }
      }
      claims.add(claim(context, dataset.name(), nanos, measureNanos));
    }
    return claims;
  }

  private static Claim claim(ReportContext context, String dataset, Map<String, double[]> nanos, long measureNanos)
      throws Exception {
    CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
        .title("Time per message: " + dataset).xAxisTitle("format").yAxisTitle("microseconds per message").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<String> formats = new ArrayList<>(nanos.keySet());
    List<Double> encode = new ArrayList<>();
    List<Double> decode = new ArrayList<>();
    for (double[] n : nanos.values()) {
      encode.add(n[0] / 1000);
      decode.add(n[1] / 1000);
    }
    chart.addSeries("encode", formats, encode);
    chart.addSeries("decode", formats, decode);
    String file = context.saveChart(chart, "codec-speed-" + dataset, ReportContext.Better.LOWER, "fastest of " + ROUNDS + " rounds");
    double[] protobuf = nanos.get("protobuf");
    double[] json = nanos.get("json");
    double[] xml = nanos.get("xml");
    double[] protobufJson = nanos.get("protobuf-json");
    boolean holds = protobuf[0] < json[0] && protobuf[1] < json[1] && protobuf[0] < xml[0] && protobuf[1] < xml[1];
    Claim.Builder claim = Claim.builder("codec.binary-faster." + dataset, "codec",
            "Binary formats encode and decode faster (" + dataset + ")")
        .measured("encode + decode time per message, protobuf vs JSON", (protobuf[0] + protobuf[1]) / 1000,
            (json[0] + json[1]) / 1000, "us")
        .holds(holds)
        .chart(file);
    for (Map.Entry<String, double[]> entry : nanos.entrySet()) {
      claim.detail(entry.getKey() + " encode us/msg", round(entry.getValue()[0] / 1000));
      claim.detail(entry.getKey() + " decode us/msg", round(entry.getValue()[1] / 1000));
    }
    return claim.detail("protobuf-json/json encode+decode", round((protobufJson[0] + protobufJson[1]) / (json[0] + json[1])))
        .notes(String.format(Locale.ROOT, "One thread, %d seeded messages in turn; after a warm-up, %d ms per format and operation "
            + "split into 5 rounds that interleave the formats, keeping each one's fastest round; in the report's JVM on "
            + "a shared machine: a rough figure. Holds when protobuf is faster than JSON and XML "
            + "both to encode and to decode. See codec.EncodeBenchmark / codec.DecodeBenchmark for JMH figures.",
            CodecBenchmarkState.SAMPLES, measureNanos / 1_000_000))
        .build();
  }

  private static void encodeAll(Codec<Object> codec, Object[] values) {
    for (Object value : values) {
      sink = codec.encode(value);
    }
  }

  private static void decodeAll(Codec<Object> codec, byte[][] encoded) {
    for (byte[] bytes : encoded) {
      sink = codec.decode(bytes);
    }
  }

  /** Runs {@code pass} repeatedly for about {@code budget} ns and returns the mean ns of one pass. */
  private static double time(Runnable pass, long budget) {
    long start = System.nanoTime();
    long passes = 0;
    long elapsed;
    do {
      pass.run();
      passes++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < budget);
    return (double) elapsed / passes;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
