package dev.trestle.benchmarks.pool;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The connection cycle as application code writes it: the connection lives in a try-with-resources
 * block and only what it answers leaves it. {@link CycleBenchmark} hands the connection itself to
 * JMH's Blackhole (as HikariCP's own benchmark does), so there the handle escapes and must be
 * allocated; here it need not be, and {@code -prof gc} shows whether each DataSource's cycle still
 * allocates. Pool of {@code size} over the no-op driver; run with {@code -t 2} and {@code -t 8}.
 *
 * <p>Measured (JDK 17, -t 2 and -t 8, 2 runs of 2 forks, -prof gc): Trestle 24 B/op in every fork
 * (the handle is scalar-replaced, its pool lease, the handle's one field, is not, though everything on
 * the path is inlined per -XX:+PrintInlining, with or without try-with-resources); HikariCP 0.1 to
 * 12 B/op in five forks and 56 B/op (its proxy) in two, as the fork's JIT decides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScopedCycleBenchmark {

  @Param({"trestle-ds", "hikari"})
  public String impl;

  /** Connections in the pool, independent of the thread count. */
  @Param({"8"})
  public int size;

  private DataSource dataSource;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Duration timeout = Duration.ofSeconds(30);
    switch (impl) {
      case "trestle-ds": dataSource = Pools.trestleDataSource(new NoopDataSource(), size, timeout, true); break;
      case "hikari": dataSource = Pools.hikari(new NoopDataSource(), size, timeout); break;
      default: throw new IllegalArgumentException("impl must be trestle-ds or hikari, was " + impl);
    }
    for (int i = 0; i < 100; i++) {
      cycle(); // the pool fills in the background: full before measuring
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    ((AutoCloseable) dataSource).close();
  }

  @Benchmark
  public boolean cycle() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getAutoCommit();
    }
  }
}
