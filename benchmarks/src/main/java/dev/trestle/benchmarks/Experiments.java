package dev.trestle.benchmarks;

import dev.trestle.benchmarks.breaker.FailFastExperiment;
import dev.trestle.benchmarks.cache.HitRatioExperiment;
import dev.trestle.benchmarks.cache.MemoryExperiment;
import dev.trestle.benchmarks.cache.TwoLevelCacheExperiment;
import dev.trestle.benchmarks.codec.CodecSpeedExperiment;
import dev.trestle.benchmarks.codec.WireSizeExperiment;
import dev.trestle.benchmarks.hash.ConsistentHashingExperiment;
import dev.trestle.benchmarks.pool.PoolClaimsExperiment;
import dev.trestle.benchmarks.ratelimit.AdaptiveLimitExperiment;
import dev.trestle.benchmarks.ratelimit.BurstSmoothingExperiment;
import dev.trestle.benchmarks.ratelimit.WindowAccuracyExperiment;
import dev.trestle.benchmarks.retry.JitterExperiment;
import dev.trestle.benchmarks.timeout.HedgingExperiment;
import dev.trestle.benchmarks.timeout.TimeoutTailLatencyExperiment;
import java.util.List;

/** Every experiment of the claims report, in report order: one line per experiment. */
public final class Experiments {

  private Experiments() {}

  /** Returns the experiments the report runs. */
  public static List<ClaimExperiment> all() {
    return List.of(
        new TimeoutTailLatencyExperiment(),
        new ConsistentHashingExperiment(),
        new FailFastExperiment(),
        new HedgingExperiment(),
        new JitterExperiment(),
        new HitRatioExperiment(),
        new MemoryExperiment(),
        new PoolClaimsExperiment(),
        new WindowAccuracyExperiment(),
        new BurstSmoothingExperiment(),
        new AdaptiveLimitExperiment(),
        new WireSizeExperiment(),
        new CodecSpeedExperiment(),
        new TwoLevelCacheExperiment(),
        new dev.trestle.benchmarks.balance.SlowServerExperiment(),
        new dev.trestle.benchmarks.balance.TwoChoicesExperiment(),
        new dev.trestle.benchmarks.balance.OutlierEjectionExperiment(),
        new dev.trestle.benchmarks.speed.SpeedExperiment());
  }
}
