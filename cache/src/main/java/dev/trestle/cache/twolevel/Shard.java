package dev.trestle.cache.twolevel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One Redis server of a two-level cache: a pooled client for commands, and a subscription to the
 * invalidation channel (and this instance's heartbeat channel) on a connection of its own, kept by
 * a thread of its own and confirmed by heartbeats. Every failed command is counted and reported as {@link Unavailable}. Thread-safe.
 */
final class Shard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TwoLevelCache.class);

  /** A Redis call that failed: refused, lost, timed out, busy. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(JedisException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** What the subscription tells the cache. */
  interface Events {
    void invalidated(String message);

    void subscribed(Shard shard);

    void lost(Shard shard, String reason);
  }

  final String name;
  private final TwoLevelCacheConfig.Server server;
  private final RedisClient commands;
  private final Availability availability;
  private final byte[] channel;
  private final String channelName;
  private final String heartbeatChannel;
  private final Events events;
  private final dev.trestle.core.Ticker ticker;
  private final long boundNanos;
  private final Thread thread;
  private final String[] shas = new String[Script.values().length];

  private volatile boolean closed;
  private volatile Connection connection;
  private volatile boolean subscribed;
  private volatile long attemptAt;
  /** The ticker reading at which the latest heartbeat delivered (or the subscription) was sent. */
  private volatile long confirmedAt;

  Shard(TwoLevelCacheConfig<?, ?> config, TwoLevelCacheConfig.Server server, String instanceId, LongAdder failures, Events events) {
    this.name = server.toString();
    this.server = server;
    this.commands = RedisClient.builder().hostAndPort(server.address).clientConfig(server.client).build();
    this.availability = new Availability("redis " + name + " of two-level cache '" + config.name + "'", failures);
    this.channelName = config.channel();
    this.channel = channelName.getBytes(StandardCharsets.UTF_8);
    this.heartbeatChannel = channelName + ":heartbeat:" + instanceId;
    this.events = events;
    this.ticker = config.ticker;
    this.boundNanos = config.invalidationBound.toNanos();
    this.confirmedAt = ticker.read() - boundNanos - 1;
    this.thread = new Thread(this::subscribeLoop, "trestle-two-level-" + config.name + "-" + name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  byte[] channel() {
    return channel;
  }

  /** Returns whether a heartbeat sent within the bound before {@code now} has been delivered. */
  boolean confirmed(long now) {
    return now - confirmedAt <= boundNanos;
  }

  boolean down() {
    return availability.down();
  }

  // ---- commands ----

  byte[] get(byte[] key) {
    try {
      byte[] value = commands.get(key);
      availability.answered();
      return value;
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  boolean tryLease(byte[] leaseKey, byte[] token, long ttlMillis) {
    try {
      String reply = commands.set(leaseKey, token, SetParams.setParams().nx().px(ttlMillis));
      availability.answered();
      return "OK".equals(reply);
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  Object eval(Script script, List<byte[]> keys, List<byte[]> args) {
    try {
      String sha = shas[script.ordinal()];
      if (sha == null) {
        sha = shas[script.ordinal()] = commands.scriptLoad(script.source);
      }
      Object reply;
      try {
        reply = commands.evalsha(sha.getBytes(StandardCharsets.US_ASCII), keys, args);
      } catch (JedisNoScriptException flushed) {
        sha = shas[script.ordinal()] = commands.scriptLoad(script.source);
        reply = commands.evalsha(sha.getBytes(StandardCharsets.US_ASCII), keys, args);
      }
      availability.answered();
      return reply;
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  /** Deletes every key matching {@code pattern}, a page of SCAN at a time. */
  void deleteMatching(String pattern) {
    try {
      ScanParams params = new ScanParams().match(pattern).count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = commands.scan(cursor, params);
        List<String> keys = page.getResult();
        if (!keys.isEmpty()) {
          commands.unlink(keys.toArray(new String[0]));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      availability.answered();
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  void publish(byte[] message) {
    try {
      commands.publish(channel, message);
      availability.answered();
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  private Unavailable unavailable(JedisException e) {
    availability.failed(e, "calls on its keys fail or serve the near level, as the failure mode says");
    return new Unavailable(e);
  }

  // ---- subscription ----

  private void subscribeLoop() {
    long backoffMillis = 10;
    while (!closed) {
      Connection c = null;
      try {
        c = new Connection(server.address, server.client);
        Subscriber s = new Subscriber();
        attemptAt = ticker.read();
        connection = c;
        if (closed) {
          break;
        }
        s.proceed(c, channelName, heartbeatChannel);
      } catch (JedisException | IllegalStateException e) {
        if (!closed) {
          lose("subscription failed: " + e);
        }
      } finally {
        connection = null;
        if (c != null) {
          c.close();
        }
      }
      if (subscribed) {
        lose("subscription ended");
      }
      if (!closed) {
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
          return;
        }
        backoffMillis = Math.min(backoffMillis * 2, Math.max(10, boundNanos / 4_000_000));
      }
    }
  }

  private void lose(String reason) {
    if (subscribed && !closed) {
      subscribed = false;
      confirmedAt = ticker.read() - boundNanos - 1; // nothing received from here on is confirmed
      events.lost(this, reason);
    }
  }

  /**
   * Called every quarter of the bound: publishes the time on this instance's heartbeat channel
   * through the command connection, or drops the subscription when the last heartbeat it delivered
   * was sent more than the bound ago. Redis delivers messages to a subscriber in the order it ran
   * the PUBLISH commands, so a heartbeat received proves that every invalidation published before
   * it was sent has been received. (A PING on the subscription would prove the same, but Jedis 8
   * registers the reply's handler after sending it, which races with the reply.)
   */
  void heartbeat(long now) {
    Connection c = connection;
    if (c == null || closed) {
      return;
    }
    if (!subscribed) {
      if (now - attemptAt > boundNanos) {
        LOG.debug("redis {}: no subscription within {} ms; reconnecting", name, boundNanos / 1_000_000);
        c.disconnect();
      }
      return;
    }
    if (now - confirmedAt > boundNanos) {
      lose("no heartbeat delivered within " + boundNanos / 1_000_000 + " ms");
      c.disconnect();
      return;
    }
    try {
      commands.publish(heartbeatChannel, Long.toString(now));
    } catch (JedisException e) {
      // the subscription lapses by itself if this goes on; reads count the failures
    }
  }

  private final class Subscriber extends JedisPubSub {
    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      if (subscribedChannels == 2) {
        confirmedAt = attemptAt;
        subscribed = true;
        events.subscribed(Shard.this);
      }
    }

    @Override
    public void onMessage(String channel, String message) {
      if (!channel.equals(heartbeatChannel)) {
        events.invalidated(message);
        return;
      }
      try {
        long at = Long.parseLong(message);
        if (at - confirmedAt > 0) {
          confirmedAt = at;
        }
      } catch (NumberFormatException ignored) {
        // not a heartbeat of ours
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      c.disconnect();
    }
    thread.interrupt();
    commands.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
