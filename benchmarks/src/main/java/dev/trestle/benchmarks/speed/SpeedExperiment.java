package dev.trestle.benchmarks.speed;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The speed table: for each block a short JMH comparison of Trestle with its peers, through the
 * benchmarks of this module and the JMH runner, one run per block and thread count (so every
 * implementation is measured on the same machine under the same load, each in a fork of its own).
 * The claims are the ratios of Trestle's throughput to the best peer's ({@link SpeedTable}); the
 * charts are the ratios and, for the pool, the limiter and the cache, throughput against threads.
 *
 * <p>Quick mode: 1 and 2 threads, one fork, short iterations (about a minute and a half on 2 cores).
 * The full report: 2 forks, longer iterations, and 4 and 8 threads for the scaling blocks.
 */
public final class SpeedExperiment implements ClaimExperiment {

  private final List<Block> blocks = Block.all();

  @Override
  public String id() {
    return "speed";
  }

  @Override
  public List<String> claimIds() {
    return SpeedTable.claimIds(blocks);
  }

  /** How long each run warms up and measures, and in how many forks. */
  record Plan(int forks, int warmups, int warmupMs, int iterations, int iterationMs, List<Integer> scalingThreads) {

    static Plan of(boolean quick) {
      return quick ? new Plan(1, 1, 400, 3, 300, SpeedTable.CLAIMED_THREADS)
          : new Plan(2, 3, 1000, 5, 1000, List.of(1, 2, 4, 8));
    }

    /** The basis in a chart's title: short, as titles are one line. */
    String chartBasis() {
      return "JMH, " + forks + (forks == 1 ? " fork" : " forks") + ", this machine and run only";
    }

    String basis() {
      return String.format(Locale.ROOT, "%d fork%s, %d warm-up iteration%s of %d ms, %d measured of %d ms", forks,
          forks == 1 ? "" : "s", warmups, warmups == 1 ? "" : "s", warmupMs, iterations, iterationMs);
    }
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    Plan plan = Plan.of(context.quick());
    List<Sample> samples = new ArrayList<>();
    for (Block block : blocks) {
      for (int threads : block.scales() ? plan.scalingThreads() : SpeedTable.CLAIMED_THREADS) {
        for (RunResult result : measure(block, threads, plan)) {
          samples.add(Sample.of(block.id(), result));
        }
      }
    }
    String ratios = ratioChart(context, samples, plan);
    List<Claim> claims = new ArrayList<>();
    for (Block block : blocks) {
      String chart = block.scales() ? scalingChart(context, block, samples, plan) : ratios;
      for (Block.Subject subject : block.subjects()) {
        for (int threads : SpeedTable.CLAIMED_THREADS) {
          claims.add(SpeedTable.claim(block, subject, threads, samples, chart, plan.basis()));
        }
      }
    }
    return claims;
  }

  private static Collection<RunResult> measure(Block block, int threads, Plan plan) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(block.benchmark()) + "$")
        .param("impl", block.impls().toArray(new String[0]))
        .mode(Mode.Throughput).timeUnit(TimeUnit.MICROSECONDS)
        .threads(threads)
        .forks(plan.forks())
        .warmupIterations(plan.warmups()).warmupTime(TimeValue.milliseconds(plan.warmupMs()))
        .measurementIterations(plan.iterations()).measurementTime(TimeValue.milliseconds(plan.iterationMs()))
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    for (Map.Entry<String, String> param : block.params().entrySet()) {
      options.param(param.getKey(), param.getValue());
    }
    return new Runner(options.build()).run();
  }

  private String ratioChart(ReportContext context, List<Sample> samples, Plan plan) throws Exception {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
        .title("Trestle / best peer, throughput").xAxisTitle("block").yAxisTitle("ratio (1 = as fast)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    List<String> names = new ArrayList<>();
    for (Block block : blocks) {
      block.subjects().forEach(s -> names.add(s.key(block)));
    }
    for (int threads : SpeedTable.CLAIMED_THREADS) {
      List<Double> ratios = new ArrayList<>();
      for (Block block : blocks) {
        block.subjects().forEach(s -> ratios.add(SpeedTable.ratio(block, s, samples, threads)));
      }
      chart.addSeries(threads + (threads == 1 ? " thread" : " threads"), names, ratios);
    }
    return context.saveChart(chart, "speed-ratios", ReportContext.Better.HIGHER, plan.chartBasis());
  }

  private static String scalingChart(ReportContext context, Block block, List<Sample> samples, Plan plan) throws Exception {
    XYChart chart = new XYChartBuilder().width(900).height(500).title("Throughput by threads: " + block.id())
        .xAxisTitle("threads").yAxisTitle("operations per microsecond").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (String impl : block.impls()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int threads : plan.scalingThreads()) {
        SpeedTable.find(samples, block.id(), impl, threads).ifPresent(s -> {
          x.add((double) threads);
          y.add(s.opsPerUs());
        });
      }
      if (!x.isEmpty()) {
        chart.addSeries(impl, x, y);
      }
    }
    return context.saveChart(chart, "speed-scaling-" + block.id(), ReportContext.Better.HIGHER,
        plan.chartBasis());
  }
}
