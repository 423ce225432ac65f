package dev.trestle.benchmarks.pool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database the pool claims run against: the local PostgreSQL when it answers (user postgres,
 * else root, database test), otherwise an H2 server over TCP started in this process on a free port,
 * so the report works before CI starts its services ({@code -Dtrestle.pool.claims.database=h2} forces
 * that fallback). Connections always cross a socket.
 */
final class Databases implements AutoCloseable {

  final String name;
  final String url;
  final Properties properties;
  /** Whether this is PostgreSQL (else H2): the two spell a series of integers and a hash differently. */
  final boolean postgres;
  private final AutoCloseable server;

  private Databases(String name, String url, Properties properties, boolean postgres, AutoCloseable server) {
    this.name = name;
    this.url = url;
    this.properties = properties;
    this.postgres = postgres;
    this.server = server;
  }

  /** A table expression of the integers 1 to {@code n} in a column named {@code x}. */
  String series(int n) {
    return postgres ? "generate_series(1, " + n + ") as x" : "system_range(1, " + n + ")";
  }

  /**
   * A read that costs the server CPU and returns one number: hashes generated integers and counts the
   * distinct hashes, which sorts them; 5,000 rows on PostgreSQL, 1,000 on H2, whose hash and
   * distinct are slower (each some milliseconds of one core on an idle machine here).
   */
  String cpuHeavyRead() {
    return postgres
        ? "select count(distinct md5(x::text)) from " + series(5_000)
        : "select count(distinct hash('SHA-256', cast(x as varchar))) from " + series(1_000);
  }

  /** The database's name up to its build details: {@code PostgreSQL 15.20}, {@code H2 2.3.232 over TCP}. */
  String shortName() {
    int details = name.indexOf(" (");
    return details < 0 ? name : name.substring(0, details);
  }

  static Databases open() throws Exception {
    // -Dtrestle.pool.claims.database=h2 skips PostgreSQL: how CI's report runs before services start
    boolean h2Only = "h2".equals(System.getProperty("trestle.pool.claims.database"));
    for (String user : h2Only ? new String[0] : new String[] {"postgres", "root"}) {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      properties.setProperty("connectTimeout", "2");
      properties.setProperty("socketTimeout", "30");
      String url = "jdbc:postgresql://127.0.0.1:5432/test";
      try (Connection probe = DriverManager.getConnection(url, properties)) {
        if (probe.isValid(2)) {
          return new Databases("PostgreSQL " + probe.getMetaData().getDatabaseProductVersion(), url, properties, true, null);
        }
      } catch (SQLException unreachable) {
        // try the next user, then H2
      }
    }
    org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    Properties properties = new Properties();
    properties.setProperty("user", "sa");
    properties.setProperty("password", "");
    // a lock wait as long as PostgreSQL's (unbounded there): 64 writers of one branch row queue behind it;
    // no query cache, which would answer the CPU-heavy read from memory after its first run
    String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:claims;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000;QUERY_CACHE_SIZE=0";
    return new Databases("H2 " + org.h2.engine.Constants.VERSION + " over TCP (PostgreSQL " + (h2Only ? "skipped" : "not reachable") + ")", url, properties,
        false, server::stop);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
