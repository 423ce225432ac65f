package dev.trestle.codec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Not a test: a measurement of how long each codec takes to turn down a long digit string (issue
 * 16: "a 16 MiB digit string fails in under 100 ms on every codec"). For every format and dataset
 * it decodes the bare digits and the digits in the format's own place for a number, seven times,
 * and prints the best wall-clock time and the best CPU time of the decoding thread (which a busy
 * machine does not inflate, so it is the figure to read when other work shares the cores). Run from the repository root after {@code mvn -pl codec
 * verify}:
 *
 * <pre>
 * mvn -q -pl codec dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp codec/target/classes:codec/target/test-classes:$(cat /tmp/cp.txt) dev.trestle.codec.HostileInputTiming [bytes] [timeout ms]
 * </pre>
 */
public final class HostileInputTiming {

  private HostileInputTiming() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : CodecLimits.DEFAULT_MAX_INPUT_BYTES;
    long timeoutMs = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
    ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "timing");
      thread.setDaemon(true);
      return thread;
    });
    for (Format format : Format.values()) {
      for (Dataset<?> dataset : Dataset.all()) {
        Codec<?> codec = Codecs.of(format, dataset);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("bare digits", digits("", size, ""));
        String root = dataset.type().getSimpleName();
        if (format == Format.XML) {
          inputs.put("<id>digits</id>", digits("<" + root + "><id>", size, "</id></" + root + ">"));
        } else if (format != Format.PROTOBUF) {
          inputs.put("{\"id\": digits}", digits("{\"id\": ", size, "}"));
          inputs.put("{\"id\": \"digits\"}", digits("{\"id\": \"", size, "\"}"));
        }
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
          long bestWall = Long.MAX_VALUE;
          long bestCpu = Long.MAX_VALUE;
          String outcome = "";
          for (int run = 0; run < 7 && bestWall >= 0; run++) {
            Future<long[]> decode = pool.submit(() -> {
              long cpu = cpuNanos();
              long wall = System.nanoTime();
              long accepted = 0;
              try {
                codec.decode(input.getValue());
                accepted = 1;
              } catch (CodecException e) {
                accepted = 0;
              }
              return new long[] {System.nanoTime() - wall, accepted, cpuNanos() - cpu};
            });
            try {
              long[] result = decode.get(timeoutMs, TimeUnit.MILLISECONDS);
              bestWall = Math.min(bestWall, result[0]);
              bestCpu = Math.min(bestCpu, result[2]);
              outcome = result[1] == 1 ? "ACCEPTED" : "CodecException";
            } catch (TimeoutException e) {
              decode.cancel(true);
              outcome = "still running after " + timeoutMs + " ms";
              bestWall = -1;
            }
          }
          System.out.printf(Locale.ROOT, "%-14s %-13s %-18s %9d bytes  %-16s best of 7: %s wall, %s CPU%n", format.codecName(),
              dataset.name(), input.getKey(), input.getValue().length, outcome, bestWall < 0 ? "n/a" : ms(bestWall),
              bestWall < 0 ? "n/a" : ms(bestCpu));
        }
      }
    }
  }

  /**
   * The decoding thread's CPU time, through java.management found by reflection (the codec's test
   * code is compiled against its module, which does not read java.management).
   */
  private static long cpuNanos() throws ReflectiveOperationException {
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    return (Long) Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime").invoke(threads);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  private static byte[] digits(String prefix, int total, String suffix) {
    int count = total - prefix.length() - suffix.length();
    StringBuilder text = new StringBuilder(total).append(prefix).append('1');
    text.append("0".repeat(count - 1));
    return text.append(suffix).toString().getBytes(StandardCharsets.US_ASCII);
  }

}
