package dev.trestle.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.pool.PoolConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pool against the real PostgreSQL on 127.0.0.1:5432 (services profile): it survives the
 * server killing all its connections under load, and a server that accepts TCP but never answers
 * makes getConnection fail within acquireTimeout. Connects as postgres, else as root, to database test.
 */
class PostgresFaultIT {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(2);
  /** Slack over acquireTimeout for thread scheduling on a loaded 2-core machine; a hang guard, not a measurement. */
  private static final long SLACK_NANOS = Duration.ofSeconds(2).toNanos();

  private static String user() throws SQLException {
    SQLException last = null;
    for (String user : new String[] {"postgres", "root"}) {
      try (Connection c = DriverManager.getConnection(URL, user, "")) {
        return user;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw last;
  }

  private static int serverConnections(Connection admin, String application) throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where application_name = '" + application + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int terminate(Connection admin, String application) throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '"
            + application + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aPoolUnderLoadSurvivesTheServerKillingAllItsConnections() throws Exception {
    String user = user();
    String application = "trestle-it-" + UUID.randomUUID().toString().substring(0, 8);
    int maxSize = 4;
    PooledDataSource ds = PooledDataSource.builder().jdbcUrl(URL).username(user).property("ApplicationName", application)
        .property("connectTimeout", "2").pool(PoolConfig.builder().name("pg-it").maxSize(maxSize)
            .acquireTimeout(ACQUIRE_TIMEOUT).validateAfterIdle(Duration.ofMillis(100))
            .creationBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).build())
        .build();
    Connection admin = DriverManager.getConnection(URL, user, "");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger failedQueries = new AtomicInteger();
    AtomicInteger timedOut = new AtomicInteger();
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    List<Thread> clients = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        Thread client = new Thread(() -> {
          while (running.get()) {
            long start = System.nanoTime();
            Connection c;
            try {
              c = ds.getConnection();
            } catch (SQLTransientConnectionException timeout) {
              long waited = System.nanoTime() - start;
              if (waited > ACQUIRE_TIMEOUT.toNanos() + SLACK_NANOS) {
                violations.add("getConnection failed only after " + Duration.ofNanos(waited));
              }
              timedOut.incrementAndGet();
              continue;
            } catch (SQLException other) {
              violations.add("unexpected " + other);
              continue;
            }
            long waited = System.nanoTime() - start;
            if (waited > ACQUIRE_TIMEOUT.toNanos() + SLACK_NANOS) {
              violations.add("getConnection returned only after " + Duration.ofNanos(waited));
            }
            try (Connection used = c; Statement s = used.createStatement(); ResultSet rs = s.executeQuery("select pg_sleep(0.005), 1")) {
              rs.next();
              succeeded.incrementAndGet();
            } catch (SQLException killed) {
              failedQueries.incrementAndGet(); // the server terminated this connection: it must be evicted
            }
          }
        }, "pg-it-client-" + t);
        clients.add(client);
        client.start();
      }
      List<Integer> seen = new CopyOnWriteArrayList<>();
      int killed = 0;
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 10; i++) {
          seen.add(serverConnections(admin, application));
          Thread.sleep(50); // lets the load run between samples; no verdict depends on it
        }
        killed += terminate(admin, application);
      }
      int before = succeeded.get();
      for (int i = 0; i < 20; i++) {
        seen.add(serverConnections(admin, application));
        Thread.sleep(50);
      }
      running.set(false);
      for (Thread client : clients) {
        client.join(Duration.ofSeconds(30).toMillis());
      }
      assertTrue(violations.isEmpty(), violations.toString());
      assertTrue(killed > 0, "some connections were terminated");
      assertTrue(seen.stream().allMatch(n -> n <= maxSize), "the server saw at most " + maxSize + " connections: " + seen);
      assertTrue(succeeded.get() > before, "queries succeed again after the last termination (" + before + " -> "
          + succeeded.get() + ")");
      try (Connection c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ds.getConnection());
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 42")) {
        rs.next();
        assertEquals(42, rs.getInt(1));
      }
      assertTrue(ds.stats().destroyed() >= 1, "terminated connections were evicted: " + ds.stats());
    } finally {
      running.set(false);
      admin.close();
      ds.close();
    }
  }

  @Test
  void aServerThatAcceptsButNeverAnswersMakesGetConnectionFailWithinTheTimeout() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!blackHole.isClosed()) {
          try {
            accepted.add(blackHole.accept()); // and never answer
          } catch (IOException closed) {
            return;
          }
        }
      }, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
      Properties properties = new Properties();
      properties.setProperty("user", "postgres");
      PooledDataSource ds = PooledDataSource.builder()
          .jdbcUrl("jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/test").properties(properties)
          .pool(PoolConfig.builder().name("black-hole").maxSize(2).acquireTimeout(Duration.ofSeconds(1)).build())
          .build();
      try {
        long start = System.nanoTime();
        SQLTransientConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(SQLTransientConnectionException.class, ds::getConnection));
        long waited = System.nanoTime() - start;
        assertTrue(waited < Duration.ofSeconds(1).toNanos() + SLACK_NANOS, "failed after " + Duration.ofNanos(waited));
        assertTrue(e.getMessage().contains("pending="), e.getMessage());
        assertTrue(accepted.size() >= 1 && accepted.size() <= 2, "at most maxSize connection attempts: " + accepted.size());
      } finally {
        ds.close();
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }
}
