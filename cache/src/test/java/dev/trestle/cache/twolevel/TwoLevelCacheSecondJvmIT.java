package dev.trestle.cache.twolevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** A second JVM process runs an instance of the same cache; writes cross between the processes within the bound. */
class TwoLevelCacheSecondJvmIT {

  @Test
  void writesCrossProcessesWithinTheBoundAndALoadRunsOnceInBoth() throws Exception {
    String name = TwoLevelRedis.freshName();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process peer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TwoLevelPeerMain.class.getName(), name)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (TwoLevelCache<String, String> local = TwoLevelCache.of(TwoLevelRedis.strings(name, TwoLevelRedis.REDIS, 2_000).build());
         RedisClient admin = RedisClient.builder().hostAndPort(TwoLevelRedis.REDIS).build()) {
      BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter in = new PrintWriter(peer.getOutputStream(), true, StandardCharsets.UTF_8);
      assertEquals("ready true", out.readLine(), "the peer subscribed within the bound");
      long bound = local.config().invalidationBound().toMillis();
      long worstMicros = 0;
      for (int i = 0; i < 50; i++) {
        local.put("k", "v" + i);
        in.println("await k v" + i + " " + bound);
        String answer = out.readLine();
        assertTrue(!answer.startsWith("stale"), "the peer after the bound: " + answer);
        worstMicros = Math.max(worstMicros, Long.parseLong(answer));
        in.println("get k");
        assertEquals("v" + i, out.readLine(), "never the old value again");
      }
      System.out.println("worst delay until the other process saw the write: " + worstMicros + " µs");
      for (int i = 0; i < 20; i++) {
        in.println("put k p" + i);
        assertEquals("ok", out.readLine());
        long written = System.nanoTime();
        String expected = "p" + i;
        while (!expected.equals(local.getIfPresent("k"))) {
          assertTrue(System.nanoTime() - written <= bound * 1_000_000L, "local still returns " + local.getIfPresent("k"));
        }
      }

      String counter = "trestle:it:" + name + ":loads";
      CompletableFuture<String> mine = CompletableFuture.supplyAsync(() -> local.get("hot", k -> {
        admin.incr(counter);
        TwoLevelCacheIT.sleep(200);
        return "loaded-" + k;
      }));
      in.println("load hot " + counter);
      assertEquals("loaded-hot", out.readLine());
      assertEquals("loaded-hot", mine.get(10, TimeUnit.SECONDS));
      assertEquals("1", admin.get(counter), "one load across the two processes");
      admin.del(counter);

      in.println("quit");
      assertEquals("bye", out.readLine());
      assertTrue(peer.waitFor(10, TimeUnit.SECONDS));
    } finally {
      peer.destroyForcibly();
    }
  }
}
