package dev.trestle.ratelimit;

import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Whether Redis can answer the limiter now: which failures mean "not now" (and so go through the
 * failure mode), how many there were, and one log line when an outage begins and one when it ends.
 *
 * <p>"Not now" is a connection failure or a client timeout, a cluster that cannot route, and every
 * error reply Redis gives while it is unable but not broken: loading its data after a restart
 * ({@code LOADING}), demoted to a replica by a failover ({@code READONLY}), cut from its master
 * ({@code MASTERDOWN}), without enough replicas ({@code NOREPLICAS}), unable to persist
 * ({@code MISCONF}), out of memory ({@code OOM}), running a slow script ({@code BUSY}), resharding
 * ({@code TRYAGAIN}, {@code CLUSTERDOWN}), or full of clients; and a client pool that cannot lend a
 * connection (exhausted, or unable to connect). Any other error reply ({@code ERR},
 * {@code WRONGTYPE}, {@code NOPERM}, ...) is a mistake of configuration or data that waiting will not
 * fix, and is thrown. Thread-safe.
 */
final class RedisOutage {

  private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

  /** The first word of each error reply that means "Redis cannot do this now". */
  static final Set<String> NOT_NOW_REPLIES = Set.of("LOADING", "READONLY", "MASTERDOWN", "NOREPLICAS", "MISCONF", "OOM",
      "BUSY", "TRYAGAIN", "CLUSTERDOWN");
  private static final String TOO_MANY_CLIENTS = "ERR max number of clients reached";

  private final String name;
  private final String mode;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong begun = new AtomicLong();
  private volatile long failuresAtStart;

  /** Returns the limiter's name in logs and events. */
  String name() {
    return name;
  }

  RedisOutage(String name, String mode) {
    this.name = name;
    this.mode = mode;
  }

  /** Whether {@code failure} means Redis cannot answer now, rather than a mistake to report. */
  static boolean meansNotNow(JedisException failure) {
    if (failure instanceof JedisConnectionException || failure instanceof JedisClusterOperationException) {
      return true;
    }
    if (!(failure instanceof JedisDataException)) {
      // the client's pool could not lend a connection: exhausted (NoSuchElementException) or unable to connect
      for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        if (cause instanceof JedisConnectionException || cause instanceof NoSuchElementException
            || cause instanceof IOException) {
          return true;
        }
      }
      return false;
    }
    String reply = String.valueOf(failure.getMessage());
    int space = reply.indexOf(' ');
    String code = space < 0 ? reply : reply.substring(0, space);
    return NOT_NOW_REPLIES.contains(code) || reply.startsWith(TOO_MANY_CLIENTS);
  }

  /** Counts a decision made by the failure mode; the first of an outage is logged. */
  void failed(JedisException failure) {
    long count = failures.incrementAndGet();
    if (!down.get() && down.compareAndSet(false, true)) {
      failuresAtStart = count;
      begun.incrementAndGet();
      LOG.warn("{}: Redis cannot answer ({}); deciding by {} until it does", name, failure.toString(), mode);
    }
  }

  /** Notes an answer from Redis; the first after an outage is logged. */
  void answered() {
    if (down.get() && down.compareAndSet(true, false)) {
      LOG.info("{}: Redis answers again; {} decisions were made by {} meanwhile", name,
          failures.get() - failuresAtStart + 1, mode);
    }
  }

  long failures() {
    return failures.get();
  }

  /** How many outages have begun (each logged once). */
  long begun() {
    return begun.get();
  }

  boolean down() {
    return down.get();
  }
}
