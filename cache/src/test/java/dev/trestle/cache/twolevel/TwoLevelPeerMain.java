package dev.trestle.cache.twolevel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.RedisClient;

/**
 * An instance of a two-level cache in a process of its own, driven line by line on stdin by
 * {@link TwoLevelCacheSecondJvmIT}: {@code put k v}, {@code get k}, {@code await k v millis} (reads
 * until it sees v; answers the milliseconds taken or {@code stale}), {@code load k counterKey}
 * (get with a loader that counts its calls in Redis and takes 200 ms), {@code quit}.
 */
public final class TwoLevelPeerMain {

  private TwoLevelPeerMain() {}

  public static void main(String[] args) throws Exception {
    try (TwoLevelCache<String, String> cache = TwoLevelCache.of(TwoLevelRedis.strings(args[0], TwoLevelRedis.REDIS, 2_000).build());
         RedisClient counter = RedisClient.builder().hostAndPort(TwoLevelRedis.REDIS).build();
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("ready " + cache.nearTrusted());
      for (String line; (line = in.readLine()) != null; ) {
        String[] c = line.split(" ");
        switch (c[0]) {
          case "put":
            cache.put(c[1], c[2]);
            System.out.println("ok");
            break;
          case "get":
            System.out.println(cache.getIfPresent(c[1]));
            break;
          case "await": {
            long start = System.nanoTime();
            long limit = Long.parseLong(c[3]) * 1_000_000L;
            String seen;
            while (!c[2].equals(seen = cache.getIfPresent(c[1])) && System.nanoTime() - start <= limit) {
              Thread.onSpinWait();
            }
            System.out.println(c[2].equals(seen) ? Long.toString((System.nanoTime() - start) / 1_000) : "stale " + seen);
            break;
          }
          case "load":
            System.out.println(cache.get(c[1], k -> {
              counter.incr(c[2]);
              TwoLevelCacheIT.sleep(200);
              return "loaded-" + k;
            }));
            break;
          case "quit":
            System.out.println("bye");
            return;
          default:
            System.out.println("unknown " + line);
        }
      }
    }
  }
}
