package dev.trestle.benchmarks.cache;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.LatencySample;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheBuilder;
import dev.trestle.cache.twolevel.TwoLevelCache;
import dev.trestle.cache.twolevel.TwoLevelCacheConfig;
import dev.trestle.cache.twolevel.ValueCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The two-level cache's claims, against the Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432,
 * database test) of the machine: a near hit is faster than a Redis read, which is faster than a
 * database read; N instances reading a hot key after each update cause one database query per
 * update with two levels, N with one; and an invalidation reaches another instance in well under
 * its bound. A service that does not answer a 300 ms connect is reported as skipped and nothing is
 * measured (the CI quick report runs without them).
 */
public final class TwoLevelCacheExperiment implements ClaimExperiment {

  private static final HostAndPort REDIS = new HostAndPort("127.0.0.1", 6379);
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @Override
  public String id() {
    return "cache.two-level";
  }

  /** The claims this experiment produces (when the services run). */
  public List<String> claimIds() {
    return List.of("cache.two-level.read-latency", "cache.two-level.hot-key-queries", "cache.two-level.invalidation-delay");
  }

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static TwoLevelCache<String, String> instance(String name) {
    return TwoLevelCache.of(TwoLevelCacheConfig.<String, String>builder()
        .name(name)
        .near(CacheBuilder.<String, String>newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).buildConfig())
        .valueCodec(ValueCodec.utf8())
        .redis(REDIS, DefaultJedisClientConfig.builder().connectionTimeoutMillis(1_000).socketTimeoutMillis(1_000).build())
        .farTtl(Duration.ofMinutes(5))
        .build());
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    boolean redis = reachable("127.0.0.1", 6379);
    boolean postgres = reachable("127.0.0.1", 5432);
    if (!redis) {
      System.out.println("[report]   cache.two-level skipped: Redis is not reachable at 127.0.0.1:6379 (nothing measured)");
      return List.of();
    }
    List<Claim> claims = new ArrayList<>();
    String name = "report-" + UUID.randomUUID();
    List<TwoLevelCache<String, String>> fleet = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        fleet.add(instance(name));
      }
      if (postgres) {
        try (Database db = new Database()) {
          claims.add(readLatency(context, fleet.get(0), db));
          claims.add(hotKeyQueries(context, fleet, db));
        }
      } else {
        System.out.println("[report]   cache.two-level: PostgreSQL is not reachable at 127.0.0.1:5432; the read-latency and "
            + "hot-key-queries claims are skipped (nothing measured)");
      }
      claims.add(invalidationDelay(context, fleet.get(0), fleet.get(1)));
    } finally {
      fleet.forEach(TwoLevelCache::close);
    }
    return claims;
  }

  /** A table of one row, and a query that counts its executions. */
  private static final class Database implements AutoCloseable {
    final String table = "trestle_two_level_" + Long.toHexString(System.nanoTime());
    final AtomicInteger queries = new AtomicInteger();
    final ThreadLocal<Connection> connections = new ThreadLocal<>();
    final List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());

    Database() throws SQLException {
      try (Statement s = connection().createStatement()) {
        s.execute("CREATE TABLE " + table + " (id TEXT PRIMARY KEY, payload TEXT NOT NULL)");
        s.execute("INSERT INTO " + table + " VALUES ('hot', repeat('x', 200))");
      }
    }

    Connection connection() throws SQLException {
      Connection c = connections.get();
      if (c == null) {
        c = DriverManager.getConnection(PG_URL, System.getenv().getOrDefault("PGUSER", "postgres"), "");
        connections.set(c);
        opened.add(c);
      }
      return c;
    }

    String read(String id) {
      queries.incrementAndGet();
      try (PreparedStatement q = connection().prepareStatement("SELECT payload FROM " + table + " WHERE id = ?")) {
        q.setString(1, id);
        try (ResultSet rows = q.executeQuery()) {
          return rows.next() ? rows.getString(1) : null;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("query of " + id + " failed", e);
      }
    }

    @Override
    public void close() throws SQLException {
      try (Statement s = connection().createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
      for (Connection c : opened) {
        c.close();
      }
    }
  }

  private static Claim readLatency(ReportContext context, TwoLevelCache<String, String> cache, Database db) {
    int samples = context.scale(5_000, 50_000);
    String value = db.read("hot");
    cache.put("hot", value);
    LatencySample near = new LatencySample();
    LatencySample far = new LatencySample();
    LatencySample database = new LatencySample();
    try (RedisClient client = RedisClient.builder().hostAndPort(REDIS).build()) {
      String redisKey = "trestle:report:" + UUID.randomUUID();
      client.set(redisKey, value);
      for (int i = 0; i < samples; i++) {
        long t0 = System.nanoTime();
        cache.getIfPresent("hot");
        long t1 = System.nanoTime();
        client.get(redisKey);
        long t2 = System.nanoTime();
        db.read("hot");
        long t3 = System.nanoTime();
        near.add(t1 - t0);
        far.add(t2 - t1);
        database.add(t3 - t2);
      }
      client.del(redisKey);
    }
    double nearP50 = near.percentile(50) / 1e3;
    double redisP50 = far.percentile(50) / 1e3;
    double dbP50 = database.percentile(50) / 1e3;
    return Claim.builder("cache.two-level.read-latency", "cache",
            "a near hit of the two-level cache is faster than a Redis read, which is faster than a database read (p50)")
        .measured("p50 read latency, near hit vs PostgreSQL primary-key read", nearP50, dbP50, "µs")
        .holds(near.percentile(50) < far.percentile(50) && far.percentile(50) < database.percentile(50))
        .detail("near_p50_us", nearP50).detail("near_p99_us", near.percentile(99) / 1e3)
        .detail("redis_p50_us", redisP50).detail("redis_p99_us", far.percentile(99) / 1e3)
        .detail("postgres_p50_us", dbP50).detail("postgres_p99_us", database.percentile(99) / 1e3)
        .detail("samples", samples)
        .notes(String.format(Locale.ROOT, "interleaved reads of one 200-byte value on 127.0.0.1: near p50 %.2f / p99 %.2f µs, "
            + "Redis GET p50 %.1f / p99 %.1f µs, PostgreSQL SELECT p50 %.1f / p99 %.1f µs", nearP50, near.percentile(99) / 1e3,
            redisP50, far.percentile(99) / 1e3, dbP50, database.percentile(99) / 1e3))
        .build();
  }

  private static Claim hotKeyQueries(ReportContext context, List<TwoLevelCache<String, String>> fleet, Database db)
      throws Exception {
    int rounds = context.scale(10, 40);
    int instances = fleet.size();
    List<Cache<String, String>> local = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      local.add(CacheBuilder.<String, String>newBuilder().maximumSize(10_000).build());
    }
    int oneLevel = 0;
    int twoLevels = 0;
    ExecutorService threads = Executors.newFixedThreadPool(instances * 2);
    try {
      for (int round = 0; round < rounds; round++) {
        // an update of the row: each instance's own cache must drop it; the two-level cache's invalidate does it fleet-wide
        local.forEach(c -> c.invalidate("hot"));
        int before = db.queries.get();
        readEverywhere(threads, instances * 2, i -> local.get(i % instances).get("hot", db::read));
        oneLevel += db.queries.get() - before;

        fleet.get(0).invalidate("hot");
        before = db.queries.get();
        readEverywhere(threads, instances * 2, i -> fleet.get(i % instances).get("hot", db::read));
        twoLevels += db.queries.get() - before;
      }
    } finally {
      threads.shutdownNow();
    }
    return Claim.builder("cache.two-level.hot-key-queries", "cache",
            "with two levels, N instances reading a hot key after an update cause one database query, not N")
        .measured("database queries per update, " + instances + " instances x 2 threads, two levels vs one level",
            twoLevels / (double) rounds, oneLevel / (double) rounds, "queries")
        .holds(twoLevels == rounds && oneLevel > twoLevels)
        .detail("rounds", rounds).detail("instances", instances)
        .detail("queries_two_levels", twoLevels).detail("queries_one_level", oneLevel)
        .notes("each round invalidates the key, then 16 threads on " + instances + " instances read it at once through "
            + "get(key, loader) whose loader is a PostgreSQL SELECT; one level: a Trestle cache per instance")
        .build();
  }

  private static void readEverywhere(ExecutorService threads, int callers, Function<Integer, String> read) throws Exception {
    CyclicBarrier start = new CyclicBarrier(callers);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      int index = i;
      results.add(threads.submit(() -> {
        start.await();
        return read.apply(index);
      }));
    }
    for (Future<String> result : results) {
      if (result.get(30, TimeUnit.SECONDS) == null) {
        throw new IllegalStateException("the hot row was not read");
      }
    }
  }

  private static Claim invalidationDelay(ReportContext context, TwoLevelCache<String, String> writer,
      TwoLevelCache<String, String> reader) {
    int samples = context.scale(500, 5_000);
    LatencySample delays = new LatencySample();
    long bound = writer.config().invalidationBound().toNanos();
    for (int i = 0; i < samples; i++) {
      String key = "delay" + (i % 16);
      String expected = Integer.toString(i);
      reader.getIfPresent(key); // the reader holds the previous value in its near level
      writer.put(key, expected);
      long written = System.nanoTime();
      while (!expected.equals(reader.getIfPresent(key))) {
        if (System.nanoTime() - written > 10 * bound) {
          throw new IllegalStateException("the reader never saw write " + i);
        }
        Thread.onSpinWait();
      }
      delays.add(System.nanoTime() - written);
    }
    double p50 = delays.percentile(50) / 1e3;
    double p99 = delays.percentile(99) / 1e3;
    return Claim.builder("cache.two-level.invalidation-delay", "cache",
            "a write on one instance is seen by another within the invalidation bound, normally within the message's delivery")
        .measured("p99 delay from put returning to another instance reading the new value", p99, bound / 1e3, "µs")
        .holds(delays.max() <= bound)
        .detail("p50_us", p50).detail("p99_us", p99).detail("max_us", delays.max() / 1e3)
        .detail("bound_us", bound / 1e3).detail("samples", samples)
        .notes(String.format(Locale.ROOT, "two instances in one JVM, separate connections, Redis pub/sub on 127.0.0.1: "
            + "p50 %.1f µs, p99 %.1f µs, max %.1f µs; the baseline is the stated bound (invalidationBound)", p50, p99,
            delays.max() / 1e3))
        .build();
  }
}
