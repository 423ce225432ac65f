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
  /** A query that does a little work on the server (counts 20,000 generated rows). */
  final String workQuery;
  private final AutoCloseable server;

  private Databases(String name, String url, Properties properties, String workQuery, AutoCloseable server) {
    this.name = name;
    this.url = url;
    this.properties = properties;
    this.workQuery = workQuery;
    this.server = server;
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
          return new Databases("PostgreSQL " + probe.getMetaData().getDatabaseProductVersion(), url, properties,
              "select count(*) from generate_series(1, 20000)", null);
        }
      } catch (SQLException unreachable) {
        // try the next user, then H2
      }
    }
    org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    Properties properties = new Properties();
    properties.setProperty("user", "sa");
    properties.setProperty("password", "");
    String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:claims;DB_CLOSE_DELAY=-1";
    return new Databases("H2 " + org.h2.engine.Constants.VERSION + " over TCP (PostgreSQL " + (h2Only ? "skipped" : "not reachable") + ")", url, properties,
        "select count(*) from system_range(1, 20000)", server::stop);
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
