package dev.trestle.tck.ratelimit;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.MetricRegistry;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiterMetrics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Netflix concurrency-limits 0.5.4 as a {@link ConcurrencyLimiter}: its {@code SimpleLimiter} (reject
 * at once) over one of its limits, on the kit's ticker (its {@code nanoClock}), with the spec's
 * initial limit and bounds. The adapter only translates: {@code acquire()} is its
 * {@code acquire(null)}, a listener is its listener, and the counters are its own, read from the
 * {@link MetricRegistry} it reports to (it has no "accepted" counter: accepted is its success,
 * dropped and ignored counts plus the calls in flight). Its Vegas has no minimum limit setting (1 is
 * its floor), and its random probe is set far apart (probeMultiplier 10,000), so that the runs are
 * deterministic. It has no partitions in {@code SimpleLimiter} and waits only on the real clock
 * ({@code BlockingLimiter}), so it declares neither PARTITIONS nor WAITING.
 */
final class NetflixConcurrencyLimiter implements ConcurrencyLimiter {

  enum Algorithm { AIMD, GRADIENT2, VEGAS }

  private final SimpleLimiter<Void> limiter;
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  NetflixConcurrencyLimiter(Algorithm algorithm, ConcurrencyLimiterSpec spec) {
    Limit limit;
    switch (algorithm) {
      case AIMD:
        limit = AIMDLimit.newBuilder().initialLimit(spec.initialLimit()).minLimit(spec.minLimit())
            .maxLimit(spec.maxLimit()).build();
        break;
      case GRADIENT2:
        limit = Gradient2Limit.newBuilder().initialLimit(spec.initialLimit()).minLimit(spec.minLimit())
            .maxConcurrency(spec.maxLimit()).build();
        break;
      default:
        // Its probe (forgetting the lowest round trip) comes at a random instant (ThreadLocalRandom), which
        // could land in a rule's measurement and make the run flaky: set far apart, it never comes.
        limit = VegasLimit.newBuilder().initialLimit(spec.initialLimit()).maxConcurrency(spec.maxLimit())
            .probeMultiplier(10_000).build();
        break;
    }
    MetricRegistry registry = new MetricRegistry() {
      @Override
      public Counter counter(String id, String... tagNameValuePairs) {
        String status = tagNameValuePairs.length == 0 ? id : tagNameValuePairs[tagNameValuePairs.length - 1];
        LongAdder adder = counters.computeIfAbsent(status, key -> new LongAdder());
        return adder::increment;
      }

      @Override
      public void gauge(String id, java.util.function.Supplier<Number> supplier, String... tagNameValuePairs) {
        // the limit and the calls in flight are read from the limiter itself
      }

      @Override
      public SampleListener distribution(String id, String... tagNameValuePairs) {
        return value -> { };
      }
    };
    this.limiter = SimpleLimiter.newBuilder().named("tck").limit(limit).nanoClock(spec.ticker()::read)
        .metricRegistry(registry).build();
  }

  @Override
  public String name() {
    return "netflix";
  }

  @Override
  public Optional<Listener> acquire() {
    return limiter.acquire(null).map(NetflixListener::new);
  }

  @Override
  public Optional<Listener> acquire(String partition) {
    throw new IllegalArgumentException("Netflix's SimpleLimiter has no partitions, asked for '" + partition + "'");
  }

  @Override
  public int limit() {
    return limiter.getLimit();
  }

  @Override
  public int inflight() {
    return limiter.getInflight();
  }

  private long count(String status) {
    LongAdder adder = counters.get(status);
    return adder == null ? 0 : adder.sum();
  }

  @Override
  public ConcurrencyLimiterMetrics metrics() {
    long succeeded = count("success");
    long dropped = count("dropped");
    long ignored = count("ignored");
    int inflight = limiter.getInflight();
    return new ConcurrencyLimiterMetrics(limiter.getLimit(), inflight, succeeded + dropped + ignored + inflight,
        count("rejected"), succeeded, dropped, ignored);
  }

  /** Its listener; it measures the round trip itself, so an explicit one is measured on the ticker too. */
  private static final class NetflixListener implements Listener {
    private final Limiter.Listener listener;

    NetflixListener(Limiter.Listener listener) {
      this.listener = listener;
    }

    @Override
    public void onSuccess() {
      listener.onSuccess();
    }

    @Override
    public void onSuccess(long rttNanos) {
      listener.onSuccess();
    }

    @Override
    public void onDropped() {
      listener.onDropped();
    }

    @Override
    public void onIgnore() {
      listener.onIgnore();
    }
  }
}
