package dev.trestle.benchmarks.ratelimit;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.trestle.benchmarks.LatencySample;
import dev.trestle.core.ManualTicker;
import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiterConfig;
import dev.trestle.ratelimit.LimitAlgorithm;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A client with a concurrency limiter in front of a server of {@link #WORKERS} workers, simulated
 * event by event on a {@link ManualTicker}. Requests arrive as a seeded Poisson process whose rate
 * ramps linearly from {@link #RAMP_FROM} to {@link #RAMP_TO} times the server's capacity; the limiter
 * admits a request or sheds it at once; the server serves admitted requests first come, first
 * served, each in {@link #SERVICE_MILLIS} ms on average (uniform within +-20%), so its capacity is
 * WORKERS / SERVICE requests a second and anything beyond queues. A response slower than
 * {@link #TIMEOUT_MILLIS} ms is a timeout for the caller: it does not count as goodput and the
 * limiter hears {@code onDropped}; a faster one is {@code onSuccess} with its round trip. The
 * client's slot is held until the response comes (a connection cannot be reused before), so a limit
 * too high fills the server's queue. Deterministic for a seed.
 */
final class OverloadSimulation {

  static final int WORKERS = 10;
  static final double SERVICE_MILLIS = 10;
  static final double CAPACITY_PER_SECOND = WORKERS * 1000 / SERVICE_MILLIS;
  static final double RAMP_FROM = 0.2;
  static final double RAMP_TO = 2.0;
  static final long TIMEOUT_MILLIS = 100;
  private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** The limiters compared. */
  enum Subject {
    VEGAS("Trestle VEGAS (default)"),
    GRADIENT2("Trestle GRADIENT2"),
    AIMD("Trestle AIMD"),
    NETFLIX_VEGAS("Netflix Vegas"),
    NETFLIX_GRADIENT2("Netflix Gradient2"),
    FIXED_HIGH("fixed limit 500 (too high)"),
    FIXED_LOW("fixed limit 4 (too low)");

    final String label;

    Subject(String label) {
      this.label = label;
    }
  }

  /** What one run measured: per-second series over the ramp, and the figures past capacity. */
  static final class Result {
    final Subject subject;
    final int seconds;
    final double[] goodputPerSecond;
    final double[] p99MillisPerSecond;
    final double[] limitPerSecond;
    final LatencySample unloaded = new LatencySample();
    final LatencySample pastCapacity = new LatencySample();
    long goodPastCapacity;
    long shedPastCapacity;
    double pastCapacitySeconds;

    Result(Subject subject, int seconds) {
      this.subject = subject;
      this.seconds = seconds;
      this.goodputPerSecond = new double[seconds];
      this.p99MillisPerSecond = new double[seconds];
      this.limitPerSecond = new double[seconds];
    }

    double goodputPastCapacity() {
      return goodPastCapacity / pastCapacitySeconds;
    }

    double p99PastCapacityMillis() {
      return pastCapacity.percentileMillis(99);
    }
  }

  /** The offered load at {@code t} of a ramp of {@code seconds}, in requests per second. */
  static double rate(long t, int seconds) {
    double progress = (double) t / (seconds * SECOND);
    return CAPACITY_PER_SECOND * (RAMP_FROM + (RAMP_TO - RAMP_FROM) * progress);
  }

  /** The instant past which the offered load exceeds the server's capacity. */
  static long capacityReached(int seconds) {
    return (long) ((1 - RAMP_FROM) / (RAMP_TO - RAMP_FROM) * seconds * SECOND);
  }

  /** Seeded Poisson arrivals (thinning of the peak rate) over a ramp of {@code seconds}. */
  static long[] arrivals(int seconds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double peak = CAPACITY_PER_SECOND * RAMP_TO;
    long[] times = new long[(int) (peak * seconds * 1.2) + 16];
    int n = 0;
    double t = 0;
    while (true) {
      t += -Math.log(1 - random.nextDouble()) / peak * SECOND;
      if (t >= seconds * (double) SECOND) {
        break;
      }
      if (random.nextDouble() * peak < rate((long) t, seconds)) {
        times[n++] = (long) t;
      }
    }
    return java.util.Arrays.copyOf(times, n);
  }

  /** One admitted call, as the simulation sees any limiter's. */
  private interface Call {
    void completed(boolean timedOut);
  }

  /** A limiter under test: admit (a call) or shed (null), and its current limit. */
  private interface Admission {
    Call admit();

    int limit();
  }

  private static Admission admission(Subject subject, ManualTicker ticker) {
    switch (subject) {
      case NETFLIX_VEGAS:
      case NETFLIX_GRADIENT2: {
        SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder().nanoClock(ticker::read)
            .limit(subject == Subject.NETFLIX_VEGAS
                ? VegasLimit.newBuilder().initialLimit(20).maxConcurrency(1000).build()
                : Gradient2Limit.newBuilder().initialLimit(20).minLimit(1).maxConcurrency(1000).build())
            .build();
        return new Admission() {
          @Override
          public Call admit() {
            Optional<Limiter.Listener> listener = limiter.acquire(null);
            return listener.<Call>map(l -> timedOut -> {
              if (timedOut) {
                l.onDropped();
              } else {
                l.onSuccess();
              }
            }).orElse(null);
          }

          @Override
          public int limit() {
            return limiter.getLimit();
          }
        };
      }
      default: {
        ConcurrencyLimiterConfig.Builder config = ConcurrencyLimiterConfig.builder().ticker(ticker);
        switch (subject) {
          case FIXED_HIGH:
            config.algorithm(LimitAlgorithm.FIXED).initialLimit(500);
            break;
          case FIXED_LOW:
            config.algorithm(LimitAlgorithm.FIXED).initialLimit(4);
            break;
          default:
            config.algorithm(LimitAlgorithm.valueOf(subject.name())).initialLimit(20).limits(1, 1000);
            break;
        }
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(config.build());
        return new Admission() {
          @Override
          public Call admit() {
            return limiter.acquire().<Call>map(l -> timedOut -> {
              if (timedOut) {
                l.onDropped();
              } else {
                l.onSuccess();
              }
            }).orElse(null);
          }

          @Override
          public int limit() {
            return limiter.limit();
          }
        };
      }
    }
  }

  /** An admitted request: when it arrived, how long its service takes, and its limiter call. */
  private static final class Request {
    final long arrival;
    final long service;
    final Call call;
    long done;

    Request(long arrival, long service, Call call) {
      this.arrival = arrival;
      this.service = service;
      this.call = call;
    }
  }

  /** Runs {@code subject} over {@code arrivals} (a ramp of {@code seconds}). */
  static Result run(Subject subject, long[] arrivals, int seconds, long seed) {
    ManualTicker ticker = new ManualTicker();
    Admission limiter = admission(subject, ticker);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    PriorityQueue<Request> busy = new PriorityQueue<>((a, b) -> Long.compare(a.done, b.done));
    ArrayDeque<Request> queue = new ArrayDeque<>();
    Result result = new Result(subject, seconds);
    LatencySample[] perSecond = new LatencySample[seconds];
    for (int s = 0; s < seconds; s++) {
      perSecond[s] = new LatencySample();
    }
    long overload = capacityReached(seconds);
    long unloadedUntil = seconds * SECOND / 10; // the first tenth: 20-38% of capacity
    result.pastCapacitySeconds = (double) (seconds * SECOND - overload) / SECOND;
    int next = 0;
    while (next < arrivals.length || !busy.isEmpty()) {
      boolean arrivalFirst = next < arrivals.length && (busy.isEmpty() || arrivals[next] <= busy.peek().done);
      long now = arrivalFirst ? arrivals[next] : busy.peek().done;
      ticker.advance(now - ticker.read(), TimeUnit.NANOSECONDS);
      if (arrivalFirst) {
        long arrival = arrivals[next++];
        int second = (int) (arrival / SECOND);
        result.limitPerSecond[second] = Math.max(result.limitPerSecond[second], limiter.limit());
        Call call = limiter.admit();
        if (call == null) {
          if (arrival >= overload) {
            result.shedPastCapacity++;
          }
          continue;
        }
        long service = (long) (SERVICE_MILLIS * MILLI * (0.8 + 0.4 * random.nextDouble()));
        Request request = new Request(arrival, service, call);
        if (busy.size() < WORKERS) {
          request.done = now + service;
          busy.add(request);
        } else {
          queue.add(request);
        }
      } else {
        Request request = busy.poll();
        Request waiting = queue.poll();
        if (waiting != null) {
          waiting.done = now + waiting.service;
          busy.add(waiting);
        }
        long latency = now - request.arrival;
        boolean timedOut = latency > TIMEOUT_MILLIS * MILLI;
        request.call.completed(timedOut);
        int second = (int) Math.min(seconds - 1, request.arrival / SECOND);
        perSecond[second].add(latency);
        if (!timedOut) {
          result.goodputPerSecond[(int) Math.min(seconds - 1, now / SECOND)]++;
        }
        if (request.arrival < unloadedUntil) {
          result.unloaded.add(latency);
        }
        if (request.arrival >= overload) {
          result.pastCapacity.add(latency);
          if (!timedOut) {
            result.goodPastCapacity++;
          }
        }
      }
    }
    for (int s = 0; s < seconds; s++) {
      result.p99MillisPerSecond[s] = perSecond[s].size() == 0 ? Double.NaN : perSecond[s].percentileMillis(99);
    }
    return result;
  }
}
