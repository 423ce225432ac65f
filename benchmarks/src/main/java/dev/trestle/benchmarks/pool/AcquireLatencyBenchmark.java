package dev.trestle.benchmarks.pool;

import java.util.concurrent.TimeUnit;
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
 * The acquire latency distribution when threads outnumber connections (run with {@code -t 16} over a
 * pool of 4): each operation borrows a connection, holds it for a little work, and gives it back.
 * SampleTime gives the percentiles; compare p99.9 of Trestle's fair hand-off with HikariCP's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AcquireLatencyBenchmark {

  @Param({"trestle-ds", "trestle-ds-unfair", "hikari"})
  public String impl;

  private Pools.Cycler cycler;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cycler = Pools.create(impl, 4);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    cycler.close();
  }

  @Benchmark
  public Object acquireHoldRelease() throws Exception {
    return cycler.cycle(200); // a little work while the connection is held
  }
}
