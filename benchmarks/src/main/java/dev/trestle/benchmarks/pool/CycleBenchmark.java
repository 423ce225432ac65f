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
 * The "connection cycle" of the HikariCP benchmark: borrow and give back at once, on a pool of
 * {@code size} objects (8 unless {@code -p size=...}; fixed, whatever the thread count) over a no-op driver. The DataSources (Trestle's PooledDataSource, HikariCP, DBCP2) cycle a
 * connection; the generic pools (Trestle's ObjectPool, commons-pool2, Stormpot) cycle an object.
 * {@code -p impl=trestle-pool-noclock} (not in the default list) runs the fair pool on a ticker that never
 * moves: the difference to {@code trestle-pool} is what the cycle's two clock reads cost on the machine.
 * Run with {@code -t 2} (fewer threads than objects) and {@code -t 8} (as many; {@code -t 16}, twice as many).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CycleBenchmark {

  @Param({"trestle-ds", "trestle-ds-unfair", "hikari", "dbcp2", "trestle-pool", "trestle-pool-unfair", "commons-pool2", "stormpot"})
  public String impl;

  /** Objects in the pool, independent of the thread count. */
  @Param({"8"})
  public int size;

  private Pools.Cycler cycler;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cycler = Pools.create(impl, size);
    for (int i = 0; i < 100; i++) {
      cycler.cycle(0); // the pools that fill in the background are full before measuring
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    cycler.close();
  }

  @Benchmark
  public Object cycle() throws Exception {
    return cycler.cycle(0);
  }
}
