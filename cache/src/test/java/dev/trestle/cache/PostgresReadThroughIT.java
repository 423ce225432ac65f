package dev.trestle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A read-through cache in front of the real PostgreSQL (127.0.0.1:5432, database test, trust auth):
 * 8 threads asking for the same 40 rows at once cause one query per row, and a row the database
 * does not have is not cached. Run only in the {@code services} profile.
 */
class PostgresReadThroughIT {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private final String table = "trestle_cache_it_" + Long.toHexString(System.nanoTime());
  private Connection setup;

  private static Connection connect() throws SQLException {
    String user = System.getenv().getOrDefault("PGUSER", "postgres");
    return DriverManager.getConnection(URL, user, "");
  }

  @BeforeEach
  void createTable() throws SQLException {
    setup = connect();
    try (Statement statement = setup.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name TEXT NOT NULL)");
      statement.execute("INSERT INTO " + table + " SELECT i, 'product-' || i FROM generate_series(0, 39) AS i");
    }
  }

  @AfterEach
  void dropTable() throws SQLException {
    try (Statement statement = setup.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    } finally {
      setup.close();
    }
  }

  @Test
  void concurrentReadersCauseOneQueryPerRow() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    ConcurrentHashMap<Integer, Integer> queriesPerRow = new ConcurrentHashMap<>();
    ThreadLocal<Connection> connections = new ThreadLocal<>();
    List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    Cache<Integer, String> cache = CacheBuilder.<Integer, String>newBuilder().maximumSize(100)
        .policy(EvictionPolicy.LFU).recordStats().build();
    java.util.function.Function<Integer, String> loader = id -> {
      queries.incrementAndGet();
      queriesPerRow.merge(id, 1, Integer::sum);
      try {
        Connection connection = connections.get();
        if (connection == null) {
          connection = connect();
          connections.set(connection);
          opened.add(connection);
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT name FROM " + table + " WHERE id = ?")) {
          query.setInt(1, id);
          try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("query for row " + id + " failed", e);
      }
    };
    ExecutorService readers = Executors.newFixedThreadPool(8);
    try {
      CyclicBarrier start = new CyclicBarrier(8);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(readers.submit(() -> {
          start.await();
          List<String> names = new ArrayList<>();
          for (int id = 0; id < 40; id++) {
            names.add(cache.get(id, loader));
          }
          return names;
        }));
      }
      for (Future<List<String>> result : results) {
        List<String> names = result.get(30, TimeUnit.SECONDS);
        for (int id = 0; id < 40; id++) {
          assertEquals("product-" + id, names.get(id));
        }
      }
    } finally {
      readers.shutdownNow();
      for (Connection connection : opened) {
        connection.close();
      }
    }
    assertEquals(40, queries.get(), "one query per row: " + queriesPerRow);
    assertEquals(40, cache.stats().loadSuccessCount());
    assertEquals(8 * 40 - 40, cache.stats().hitCount());
    try (Connection connection = connect()) {
      connections.set(connection);
      opened.add(connection);
      assertNull(cache.get(1000, loader), "a row the database lacks");
      assertNull(cache.getIfPresent(1000), "a missing row is not cached");
    }
  }
}
