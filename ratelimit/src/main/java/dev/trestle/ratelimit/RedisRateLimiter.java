package dev.trestle.ratelimit;

import dev.trestle.core.Ticker;
import dev.trestle.core.internal.FlightRecorderGate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A rate limit per client key shared by every process that uses the same Redis: GCRA or a token
 * bucket, decided by one Lua script on the server.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Each decision is one atomic script ({@code EVAL} the first time, then {@code EVALSHA}; sent
 *       again with {@code EVAL} when Redis answers {@code NOSCRIPT}, after a restart or a
 *       {@code SCRIPT FLUSH}): any number
 *       of limiter instances, in any number of processes, sharing a key admit together exactly what
 *       one limiter would.
 *   <li>Time is the Redis server's ({@code TIME}, microseconds), so client clocks do not matter. A
 *       rate is kept exact: instants are whole microseconds plus a remainder in units of the rate.
 *   <li>Each key expires once its limiter is back to a full bucket: an idle client costs nothing.
 *   <li>Keys are {@code keyPrefix + "{" + key + "}"}: the client key is a hash tag, so the limiter
 *       works on Redis Cluster (every key it touches for a client lives in one slot).
 *   <li>When Redis cannot answer now (connection refused or lost, the client's socket timeout, or an
 *       error reply that means "not now": {@code LOADING}, {@code READONLY}, {@code MASTERDOWN},
 *       {@code NOREPLICAS}, {@code MISCONF}, {@code OOM}, {@code BUSY}, {@code TRYAGAIN},
 *       {@code CLUSTERDOWN}, too many clients) the decision follows
 *       {@link RedisRateLimiterConfig#failureMode()}: admit, or refuse with a retry-after of one
 *       period; {@link #failures()} counts these, and SLF4J logs (logger {@code RedisRateLimiter})
 *       one warning when such an outage begins and one line when Redis answers again. It recovers
 *       by itself once Redis answers again: nothing is cached between calls. A decision waits for
 *       at most one call to Redis, so at most the client's socket timeout (the script is loaded
 *       again only when Redis answered {@code NOSCRIPT}). Any other error reply ({@code ERR},
 *       {@code WRONGTYPE}, {@code NOPERM}, ...) is a mistake waiting will not fix: it is thrown as
 *       Jedis reports it.
 *   <li>Bad input throws: {@link IllegalArgumentException} for a null key and for permits below 1 or
 *       above the burst (naming both).
 * </ul>
 *
 * <p>Thread-safe, as the Jedis client given to it (a pooled {@code RedisClient} or a
 * {@code RedisClusterClient}). Jedis is an optional dependency of Trestle: add it to use this class.
 */
public final class RedisRateLimiter {

  private static final String GCRA = String.join("\n",
      "local A, b, burst, n = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])",
      "local function divmod(x, d)",
      "  local q = math.floor(x / d)",
      "  local r = x - q * d",
      "  if r < 0 then q = q - 1; r = r + d elseif r >= d then q = q + 1; r = r - d end",
      "  return q, r",
      "end",
      "local s = redis.call('HMGET', KEYS[1], 'us', 'frac')",
      "local us, frac = tonumber(s[1]), tonumber(s[2]) or 0",
      "if us == nil or us < now then us = now; frac = 0 end",
      "local tol = burst * b",
      "local before = (us - now) * A + frac",
      "local after = before + n * b",
      "if after > tol then",
      "  local q, r = divmod(after - tol, A)",
      "  if r > 0 then q = q + 1 end",
      "  return {0, math.max(0, math.floor((tol - before) / b)), q}",
      "end",
      "local q, r = divmod(after, A)",
      "redis.call('HSET', KEYS[1], 'us', string.format('%d', now + q), 'frac', string.format('%d', r))",
      "redis.call('PEXPIRE', KEYS[1], math.floor(q / 1000) + 1)",
      "return {1, math.floor((tol - after) / b), 0}");

  private static final String TOKEN_BUCKET = String.join("\n",
      "local A, b, burst, n = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])",
      "local function divmod(x, d)",
      "  local q = math.floor(x / d)",
      "  local r = x - q * d",
      "  if r < 0 then q = q - 1; r = r + d elseif r >= d then q = q + 1; r = r - d end",
      "  return q, r",
      "end",
      "local cap = burst * b",
      "local s = redis.call('HMGET', KEYS[1], 'us', 'frac')",
      "local us, frac = tonumber(s[1]), tonumber(s[2]) or 0",
      "local tokens = cap",
      "if us ~= nil and now - us < cap then tokens = math.min(cap, (now - us) * A - frac) end",
      "local cost = n * b",
      "if tokens < cost then",
      "  local q, r = divmod(cost - tokens, A)",
      "  if r > 0 then q = q + 1 end",
      "  return {0, math.floor(tokens / b), q}",
      "end",
      "local left = tokens - cost",
      "local q, r = divmod(left, A)",
      "local eus, efrac = now - q, 0",
      "if r > 0 then eus = now - q - 1; efrac = A - r end",
      "redis.call('HSET', KEYS[1], 'us', string.format('%d', eus), 'frac', string.format('%d', efrac))",
      "local full = divmod(cap - left + A - 1, A)",
      "redis.call('PEXPIRE', KEYS[1], math.floor(full / 1000) + 1)",
      "return {1, math.floor(left / b), 0}");

  private final UnifiedJedis redis;
  private final RedisRateLimiterConfig config;
  private final String script;
  private final List<String> unitArgs;
  private final long failureRetryAfterNanos;
  private final RedisOutage outage;
  private final String sha;
  private volatile boolean scriptCached; // by this limiter's knowledge: false until one EVAL succeeded
  /** The clock of the refusal-burst windows; the system clock but in tests. */
  private final Ticker burstTicker;
  /** Created on the first refusal seen while a JFR recording enables {@link RejectionBurstEvent}. */
  private volatile RejectionBursts bursts;

  private RedisRateLimiter(UnifiedJedis redis, RedisRateLimiterConfig config, Ticker burstTicker) {
    this.redis = redis;
    this.burstTicker = burstTicker;
    this.config = config;
    this.script = config.algorithm == RateLimitAlgorithm.GCRA ? GCRA : TOKEN_BUCKET;
    this.sha = sha1Hex(script);
    this.unitArgs = List.of(Long.toString(config.rate.unitsPerNano * 1000), Long.toString(config.rate.unitsPerPermit),
        Long.toString(config.burst));
    this.failureRetryAfterNanos = config.period.toNanos();
    this.outage = new RedisOutage("RedisRateLimiter[" + config.keyPrefix + "]", config.failureMode.toString());
  }

  /**
   * Returns a limiter deciding on {@code redis} with {@code config}. Nothing is sent to Redis until
   * the first decision.
   *
   * @throws NullPointerException if an argument is null
   */
  public static RedisRateLimiter of(UnifiedJedis redis, RedisRateLimiterConfig config) {
    if (redis == null) {
      throw new NullPointerException("redis must not be null");
    }
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    return new RedisRateLimiter(redis, config, Ticker.system());
  }

  /** As {@link #of}, with refusal bursts timed on {@code burstTicker}: for tests. */
  static RedisRateLimiter of(UnifiedJedis redis, RedisRateLimiterConfig config, Ticker burstTicker) {
    of(redis, config); // the same checks
    return new RedisRateLimiter(redis, config, burstTicker);
  }

  /** Returns the configuration. */
  public RedisRateLimiterConfig config() {
    return config;
  }

  /** Returns how many decisions were made by {@link RedisRateLimiterConfig#failureMode()} because Redis could not answer. */
  public long failures() {
    return outage.failures();
  }

  /** The outage tracker: for tests of the logging, which happens once per transition. */
  RedisOutage outage() {
    return outage;
  }

  /** Returns the Redis key that holds the limit of {@code key}. */
  public String redisKey(String key) {
    checkKey(key);
    return config.keyPrefix + "{" + key + "}";
  }

  /** Takes one permit for {@code key} if its limit allows it now. */
  public boolean tryAcquire(String key) {
    return probe(key, 1).allowed();
  }

  /** Takes {@code permits} for {@code key} if its limit allows it now. */
  public boolean tryAcquire(String key, long permits) {
    return probe(key, permits).allowed();
  }

  /**
   * Takes {@code permits} for {@code key} if its limit allows it now, and returns the decision with
   * the permits left and, for a refusal, the wait (to the microsecond of the server's clock).
   *
   * @throws IllegalArgumentException if {@code key} is null
   * @throws IllegalArgumentException if {@code permits} is below 1 or above the burst
   */
  public RateLimitDecision probe(String key, long permits) {
    String redisKey = redisKey(key);
    checkPermits(permits);
    List<String> args = List.of(unitArgs.get(0), unitArgs.get(1), unitArgs.get(2), Long.toString(permits));
    Object reply;
    try {
      reply = run(redisKey, args);
    } catch (JedisException failure) {
      if (!RedisOutage.meansNotNow(failure)) {
        throw failure;
      }
      outage.failed(failure);
      if (config.failureMode == RedisRateLimiterConfig.FailureMode.FAIL_OPEN) {
        return RateLimitDecision.allowed(0);
      }
      rejected();
      return RateLimitDecision.denied(0, failureRetryAfterNanos);
    }
    outage.answered();
    List<?> result = (List<?>) reply;
    long allowed = (Long) result.get(0);
    long remaining = (Long) result.get(1);
    long waitMicros = (Long) result.get(2);
    if (allowed == 1) {
      return RateLimitDecision.allowed(remaining);
    }
    rejected();
    return RateLimitDecision.denied(remaining, Math.max(1, waitMicros * 1000));
  }

  /** The refusal path's one hook: feeds the JFR burst detector while a recording enables it. */
  private void rejected() {
    if (FlightRecorderGate.open() && RejectionBurstEvent.TYPE.isEnabled()) {
      RejectionBursts b = bursts;
      if (b == null) {
        bursts = b = new RejectionBursts(); // a lost race drops a few counts of one window, nothing more
      }
      b.rejected(outage.name(), config.algorithm.name(), burstTicker.read());
    }
  }

  /**
   * One call that can wait: EVALSHA of the script's digest (computed here, so no SCRIPT LOAD round
   * trip comes first), and only if Redis answered NOSCRIPT at once, EVAL, which caches it again.
   */
  private Object run(String redisKey, List<String> args) {
    if (scriptCached) {
      try {
        return redis.evalsha(sha, List.of(redisKey), args);
      } catch (JedisNoScriptException flushed) {
        scriptCached = false; // restarted or flushed: EVAL below caches it again
      }
    }
    Object reply = redis.eval(script, List.of(redisKey), args);
    scriptCached = true;
    return reply;
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  private static void checkKey(String key) {
    if (key == null) {
      throw new IllegalArgumentException("key must not be null: every request is limited per key, and null names none");
    }
  }

  private void checkPermits(long permits) {
    if (permits < 1 || permits > config.burst) {
      throw new IllegalArgumentException("permits must be between 1 and " + config.burst + " (the burst of " + config.permits
          + " per " + config.period + " on Redis), was " + permits);
    }
  }

  /**
   * Returns the limit of {@code key} as a {@link RateLimiter}. Its waiting acquire sleeps with the
   * configured sleeper and measures its budget on the system clock; it allocates (a Redis call does).
   *
   * @throws IllegalArgumentException if {@code key} is null
   */
  public RateLimiter forKey(String key) {
    checkKey(key);
    RateLimiterConfig view = RateLimiterConfig.builder().algorithm(config.algorithm).limit(config.permits, config.period)
        .burst(config.burst).sleeper(config.sleeper).build();
    return new RateLimiter() {
      @Override
      public RateLimiterConfig config() {
        return view;
      }

      @Override
      public boolean tryAcquire() {
        return RedisRateLimiter.this.probe(key, 1).allowed();
      }

      @Override
      public boolean tryAcquire(long permits) {
        return RedisRateLimiter.this.probe(key, permits).allowed();
      }

      @Override
      public boolean tryAcquire(long permits, Duration maxWait) throws InterruptedException {
        checkPermits(permits);
        long budget = AbstractLimiter.maxWaitNanos(maxWait);
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted before acquiring " + permits + " permits");
        }
        long start = System.nanoTime();
        while (true) {
          RateLimitDecision decision = RedisRateLimiter.this.probe(key, permits);
          if (decision.allowed()) {
            return true;
          }
          if (decision.retryAfterNanos() > budget - (System.nanoTime() - start)) {
            return false;
          }
          config.sleeper.sleep(decision.retryAfterNanos());
        }
      }

      @Override
      public RateLimitDecision probe(long permits) {
        return RedisRateLimiter.this.probe(key, permits);
      }

      @Override
      public String toString() {
        return "RedisRateLimiter[" + redisKey(key) + ", " + config + "]";
      }
    };
  }

  @Override
  public String toString() {
    return "RedisRateLimiter[" + config + ", " + outage.failures() + " failures]";
  }
}
