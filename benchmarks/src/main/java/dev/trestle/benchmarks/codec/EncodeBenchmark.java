package dev.trestle.benchmarks.codec;

import dev.trestle.codec.Codec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one message to {@code byte[]} with Trestle's codec of each format, over 64 seeded
 * samples of each dataset in turn. "Binary formats encode faster" is read from this: compare the
 * formats within one dataset, in one run.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar codec.EncodeBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s -t 2 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EncodeBenchmark {

  @Param({"json", "xml", "protobuf", "protobuf-json"})
  public String format;

  @Param({"media-content", "order", "event-log", "metrics"})
  public String dataset;

  private Codec<Object> codec;
  private Object[] values;

  /** Each thread walks the samples on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup
  public void setUp() {
    codec = CodecBenchmarkState.codec(format, dataset);
    values = CodecBenchmarkState.samples(dataset);
  }

  @Benchmark
  public byte[] encode(Cursor cursor) {
    return codec.encode(values[cursor.next++ & (CodecBenchmarkState.SAMPLES - 1)]);
  }
}
