package dev.trestle.benchmarks.codec;

import java.nio.file.Path;
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
 * Encode and decode speed on the user's own data, per format, in one run: the values are the
 * lines of {@code jsonLines}, of a type given by {@code className} (on the class path) or by
 * {@code descriptorSet} and {@code message}. See {@link UserData} for what each format encodes.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar:target/classes org.openjdk.jmh.Main codec.UserDataBenchmark \
 *     -p jsonLines=orders.jsonl -p className=com.example.shop.Order -t 2
 * java -jar benchmarks/target/benchmarks.jar codec.UserDataBenchmark \
 *     -p jsonLines=orders.jsonl -p descriptorSet=target/shop.pb -p message=shop.Order
 * java -cp benchmarks/target/benchmarks.jar:target/classes org.openjdk.jmh.Main codec.UserDataBenchmark \
 *     -p jsonLines=shipments.jsonl -p className=com.example.Shipment -p format=json,xml
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UserDataBenchmark {

  /** The user's data, one value per line. */
  @Param("")
  public String jsonLines;

  /** A record, POJO or generated Protobuf message class, or blank to use the descriptor set. */
  @Param("")
  public String className;

  /** A FileDescriptorSet file, with {@link #message}. */
  @Param("")
  public String descriptorSet;

  /** The message's name in the descriptor set, for example {@code shop.Order}. */
  @Param("")
  public String message;

  @Param({"json", "xml", "protobuf", "protobuf-json"})
  public String format;

  private UserData data;
  private byte[][] encoded;

  /** Each thread walks the values on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup
  public void setUp() {
    if (jsonLines.isBlank()) {
      throw new IllegalArgumentException("give -p jsonLines=FILE, and -p className=NAME or -p descriptorSet=FILE -p message=NAME");
    }
    data = UserData.load(Path.of(jsonLines), className, descriptorSet.isBlank() ? null : Path.of(descriptorSet), message, format);
    encoded = new byte[data.values().length][];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = data.codec().encode(data.values()[i]);
    }
  }

  @Benchmark
  public byte[] encode(Cursor cursor) {
    int i = cursor.next++ % encoded.length;
    return data.codec().encode(data.values()[i < 0 ? -i : i]);
  }

  @Benchmark
  public Object decode(Cursor cursor) {
    int i = cursor.next++ % encoded.length;
    return data.codec().decode(encoded[i < 0 ? -i : i]);
  }
}
