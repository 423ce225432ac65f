package dev.trestle.cache.twolevel;

import dev.trestle.cache.CacheConfig;
import dev.trestle.core.Ticker;
import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * The immutable settings of a {@link TwoLevelCache}, made by {@link #builder()}; each setter checks
 * its argument at once and names it in the exception, {@link Builder#build()} checks combinations.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>required</td><td>names the cache in keys, the invalidation channel and logs;
 *       every instance of one cache in the fleet uses the same name</td></tr>
 *   <tr><td>near</td><td>required</td><td>the near (in-process) level: bound, policy, expiry, ticker,
 *       statistics, as a {@link CacheConfig}; a removal listener is refused</td></tr>
 *   <tr><td>valueCodec</td><td>required</td><td>values to bytes and back</td></tr>
 *   <tr><td>keyEncoder</td><td>{@code String::valueOf}</td><td>key to the string in the Redis key; distinct
 *       keys must give distinct strings</td></tr>
 *   <tr><td>redis</td><td>at least one</td><td>a standalone Redis server and its client settings (timeouts,
 *       auth, TLS); with several, keys are spread over them by a {@code HashRing}</td></tr>
 *   <tr><td>ring</td><td>{@link HashAlgorithm#KETAMA}</td><td>the ring's algorithm; servers are named
 *       {@code host:port}, so KETAMA places keys as libketama clients do</td></tr>
 *   <tr><td>keyPrefix</td><td>{@value #DEFAULT_KEY_PREFIX}</td><td>Redis keys are {@code keyPrefix + name + ":" + key};
 *       with {@code sameSlot}, {@code keyPrefix + "{" + name + "}:" + key}, one Redis Cluster slot</td></tr>
 *   <tr><td>farTtl</td><td>1 hour</td><td>the time to live of each entry in Redis (Redis's clock)</td></tr>
 *   <tr><td>invalidationBound</td><td>1 second</td><td>the longest an instance may serve a value from its near
 *       level after another instance's write of it returned; see {@link TwoLevelCache}</td></tr>
 *   <tr><td>leaseTtl</td><td>10 seconds</td><td>how long the instance loading a key holds the key's lease</td></tr>
 *   <tr><td>leaseWait</td><td>leaseTtl</td><td>how long the other instances wait for that load before loading
 *       themselves</td></tr>
 *   <tr><td>failureMode</td><td>{@link FailureMode#FAIL}</td><td>what a read does when Redis cannot answer</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>the clock of the invalidation bound and lease waits
 *       (the near level's expiry reads the near config's ticker)</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TwoLevelCacheConfig<K, V> {

  /** The key prefix unless one is set. */
  public static final String DEFAULT_KEY_PREFIX = "trestle:cache:";

  /** What a {@link TwoLevelCache} does when Redis cannot answer within the client's timeouts. */
  public enum FailureMode {
    /**
     * Consistency first: reads and writes throw {@link CacheUnavailableException}. The near level is
     * not served while its invalidations cannot be confirmed.
     */
    FAIL,
    /**
     * Availability first: a read returns what the near level holds for the key until the entry
     * expires there (it may be stale: other instances that reach Redis may have changed it), and
     * {@code get(key, loader)} calls the loader for a key the near level lacks and returns its
     * value without caching it. Writes still throw {@link CacheUnavailableException}, since no
     * other instance could learn of them. Requires an expiry on the near level.
     */
    SERVE_NEAR
  }

  /** A Redis server of the fleet. */
  static final class Server {
    final HostAndPort address;
    final JedisClientConfig client;

    Server(HostAndPort address, JedisClientConfig client) {
      this.address = address;
      this.client = client;
    }

    @Override
    public String toString() {
      return address.getHost() + ":" + address.getPort();
    }
  }

  final String name;
  final CacheConfig<K, V> near;
  final ValueCodec<V> valueCodec;
  final Function<? super K, String> keyEncoder;
  final List<Server> servers;
  final HashAlgorithm ring;
  final String keyPrefix;
  final boolean sameSlot;
  final Duration farTtl;
  final Duration invalidationBound;
  final Duration leaseTtl;
  final Duration leaseWait;
  final FailureMode failureMode;
  final Ticker ticker;

  private TwoLevelCacheConfig(Builder<K, V> b) {
    this.name = b.name;
    this.near = b.near;
    this.valueCodec = b.valueCodec;
    this.keyEncoder = b.keyEncoder;
    this.servers = List.copyOf(b.servers);
    this.ring = b.ring;
    this.keyPrefix = b.keyPrefix;
    this.sameSlot = b.sameSlot;
    this.farTtl = b.farTtl;
    this.invalidationBound = b.invalidationBound;
    this.leaseTtl = b.leaseTtl;
    this.leaseWait = b.leaseWait == null ? b.leaseTtl : b.leaseWait;
    this.failureMode = b.failureMode;
    this.ticker = b.ticker;
  }

  /** Returns a builder with the defaults; name, near, valueCodec and one redis server must be set. */
  public static <K, V> Builder<K, V> builder() {
    return new Builder<>();
  }

  /** Returns the cache's name. */
  public String name() {
    return name;
  }

  /** Returns the near level's config. */
  public CacheConfig<K, V> near() {
    return near;
  }

  /** Returns the failure mode. */
  public FailureMode failureMode() {
    return failureMode;
  }

  /** Returns the invalidation bound. */
  public Duration invalidationBound() {
    return invalidationBound;
  }

  /** Returns the time to live of entries in Redis. */
  public Duration farTtl() {
    return farTtl;
  }

  /** Returns the Redis key of the entry whose key encodes to {@code keyString}. */
  String redisKey(String keyString) {
    return keyPrefix + (sameSlot ? "{" + name + "}" : name) + ":" + keyString;
  }

  /** Returns the Redis key of the lease of the entry whose key encodes to {@code keyString}. */
  String leaseKey(String keyString) {
    return keyPrefix + (sameSlot ? "{" + name + "}" : name) + ":lease:" + keyString;
  }

  /** Returns the pattern matching every entry key (and lease) of this cache. */
  String keyPattern() {
    String base = keyPrefix + (sameSlot ? "{" + name + "}" : name) + ":";
    return base.replaceAll("([\\\\*?\\[\\]])", "\\\\$1") + "*";
  }

  /** Returns the pub/sub channel of invalidations. */
  String channel() {
    return keyPrefix + name + ":~invalidations";
  }

  @Override
  public String toString() {
    return "TwoLevelCacheConfig[" + name + ", servers=" + servers + ", ring=" + ring + ", farTtl=" + farTtl
        + ", invalidationBound=" + invalidationBound + ", lease=" + leaseTtl + "/" + leaseWait + ", " + failureMode + "]";
  }

  /** Builds a {@link TwoLevelCacheConfig}. Not thread-safe. */
  public static final class Builder<K, V> {
    private String name;
    private CacheConfig<K, V> near;
    private ValueCodec<V> valueCodec;
    private Function<? super K, String> keyEncoder = String::valueOf;
    private final List<Server> servers = new ArrayList<>();
    private HashAlgorithm ring = HashAlgorithm.KETAMA;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private boolean sameSlot;
    private Duration farTtl = Duration.ofHours(1);
    private Duration invalidationBound = Duration.ofSeconds(1);
    private Duration leaseTtl = Duration.ofSeconds(10);
    private Duration leaseWait;
    private FailureMode failureMode = FailureMode.FAIL;
    private Ticker ticker = Ticker.system();

    private Builder() {}

    /**
     * Names the cache; every instance of one cache in the fleet uses the same name.
     *
     * @throws IllegalArgumentException if blank or if it contains a brace (it may be a hash tag)
     */
    public Builder<K, V> name(String name) {
      Arguments.requireNonBlank(name, "name");
      if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
        throw new IllegalArgumentException("name must not contain braces (it may be the Redis Cluster hash tag), was '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the near level: a Trestle cache built from {@code near} (bound, policy, expiry, ticker,
     * executor, scheduler, statistics).
     *
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if it has a removal listener: entries leave the near level on
     *     other instances' writes without a call here, so no listener could be told of every removal
     */
    public Builder<K, V> near(CacheConfig<K, V> near) {
      Arguments.requireNonNull(near, "near");
      if (near.removalListener().isPresent()) {
        throw new IllegalArgumentException("near must not have a removal listener: the two-level cache cannot report "
            + "removals made by other instances' writes");
      }
      this.near = near;
      return this;
    }

    /** Sets the value codec. @throws NullPointerException if null */
    public Builder<K, V> valueCodec(ValueCodec<V> valueCodec) {
      this.valueCodec = Arguments.requireNonNull(valueCodec, "valueCodec");
      return this;
    }

    /**
     * Sets how a key becomes the string in its Redis key; distinct keys must give distinct strings.
     *
     * @throws NullPointerException if null
     */
    public Builder<K, V> keyEncoder(Function<? super K, String> keyEncoder) {
      this.keyEncoder = Arguments.requireNonNull(keyEncoder, "keyEncoder");
      return this;
    }

    /**
     * Adds a standalone Redis server; call once per server. {@code client} gives the connect and
     * socket timeouts (how long "Redis cannot answer" takes: set them to what a read can afford,
     * a few milliseconds on a local network), credentials and TLS.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the server was added before
     */
    public Builder<K, V> redis(HostAndPort address, JedisClientConfig client) {
      Arguments.requireNonNull(address, "address");
      Arguments.requireNonNull(client, "client");
      for (Server server : servers) {
        if (server.address.equals(address)) {
          throw new IllegalArgumentException("redis server " + address + " was already added");
        }
      }
      servers.add(new Server(address, client));
      return this;
    }

    /** Sets the algorithm that spreads keys over several servers. @throws NullPointerException if null */
    public Builder<K, V> ring(HashAlgorithm ring) {
      this.ring = Arguments.requireNonNull(ring, "ring");
      return this;
    }

    /**
     * Sets the prefix of every Redis key and of the channel.
     *
     * @throws IllegalArgumentException if it contains a brace, which would change the hash tag
     */
    public Builder<K, V> keyPrefix(String keyPrefix) {
      Arguments.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
        throw new IllegalArgumentException("keyPrefix must not contain braces, was '" + keyPrefix + "'");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** Puts the cache's name in braces in every key: on Redis Cluster all its keys share one slot. */
    public Builder<K, V> sameSlot(boolean sameSlot) {
      this.sameSlot = sameSlot;
      return this;
    }

    /** Sets the time to live of each entry in Redis. @throws IllegalArgumentException unless at least 1 ms */
    public Builder<K, V> farTtl(Duration farTtl) {
      this.farTtl = atLeastOneMilli(farTtl, "farTtl");
      return this;
    }

    /**
     * Sets the longest an instance may serve a near value after another instance's write of the key
     * returned. Each instance publishes a heartbeat to itself every quarter of it, and serves its
     * near level only while a heartbeat sent within the bound has come back through its subscription.
     *
     * @throws IllegalArgumentException unless at least 20 ms
     */
    public Builder<K, V> invalidationBound(Duration invalidationBound) {
      Durations.requirePositive(invalidationBound, "invalidationBound");
      if (invalidationBound.toMillis() < 20) {
        throw new IllegalArgumentException("invalidationBound must be at least 20ms (it is paced by heartbeats), was " + invalidationBound);
      }
      this.invalidationBound = invalidationBound;
      return this;
    }

    /** Sets how long the loading instance holds a key's lease. @throws IllegalArgumentException unless at least 1 ms */
    public Builder<K, V> leaseTtl(Duration leaseTtl) {
      this.leaseTtl = atLeastOneMilli(leaseTtl, "leaseTtl");
      return this;
    }

    /** Sets how long other instances wait for a load before loading themselves. @throws IllegalArgumentException if negative */
    public Builder<K, V> leaseWait(Duration leaseWait) {
      this.leaseWait = Durations.requireNonNegative(leaseWait, "leaseWait");
      return this;
    }

    /** Sets what reads do when Redis cannot answer. @throws NullPointerException if null */
    public Builder<K, V> failureMode(FailureMode failureMode) {
      this.failureMode = Arguments.requireNonNull(failureMode, "failureMode");
      return this;
    }

    /** Sets the clock of the invalidation bound and lease waits. @throws NullPointerException if null */
    public Builder<K, V> ticker(Ticker ticker) {
      this.ticker = Arguments.requireNonNull(ticker, "ticker");
      return this;
    }

    private static Duration atLeastOneMilli(Duration duration, String name) {
      Durations.requirePositive(duration, name);
      if (duration.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1ms (Redis expires in milliseconds), was " + duration);
      }
      return duration;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalStateException if name, near, valueCodec or a redis server is missing, or if
     *     SERVE_NEAR is chosen for a near level without an expiry (it would serve a value forever)
     */
    public TwoLevelCacheConfig<K, V> build() {
      if (name == null || near == null || valueCodec == null || servers.isEmpty()) {
        throw new IllegalStateException("name, near, valueCodec and at least one redis server must be set (name=" + name
            + ", near=" + near + ", valueCodec=" + valueCodec + ", servers=" + servers + ")");
      }
      if (failureMode == FailureMode.SERVE_NEAR && near.expireAfterWrite().isEmpty() && near.expireAfterAccess().isEmpty()) {
        throw new IllegalStateException("failureMode SERVE_NEAR needs an expiry on the near level (expireAfterWrite "
            + "bounds how long an unconfirmed value may be served)");
      }
      return new TwoLevelCacheConfig<>(this);
    }
  }
}
