package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.ratelimit.RedisRateLimiterConfig.FailureMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * The Redis limiter's refusals feed the same JFR burst event as the local limiters', over all its
 * keys: refusals the script decides and refusals of the fail-closed mode alike; a fail-open decision
 * is no refusal. Against {@link FakeRedis} on a loopback port, the burst windows on a manual ticker.
 */
class RedisRejectionBurstEventTest {

  @TempDir
  Path dir;

  private FakeRedis fake;
  private RedisClient client;
  private final ManualTicker ticker = new ManualTicker();

  @BeforeEach
  void start() throws Exception {
    fake = new FakeRedis();
    client = fake.client();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    fake.close();
  }

  private List<RecordedEvent> refuse(FailureMode mode, int times) throws Exception {
    RedisRateLimiter limiter = RedisRateLimiter.of(client, RedisRateLimiterConfig.builder().keyPrefix("login:")
        .limit(5, Duration.ofSeconds(1)).failureMode(mode).build(), ticker);
    try (Recording recording = new Recording()) {
      recording.enable(RejectionBurstEvent.NAME);
      recording.start();
      fake.errorReply = "LOADING Redis is loading the dataset in memory";
      for (int i = 0; i < times; i++) {
        assertEquals(mode == FailureMode.FAIL_OPEN, limiter.tryAcquire("user-" + (i % 7)));
      }
      ticker.advance(2, TimeUnit.SECONDS);
      for (int i = 0; i < times; i++) {
        limiter.tryAcquire("user-" + (i % 7));
      }
      recording.stop();
      Path file = dir.resolve("redis-" + mode + ".jfr");
      recording.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals(RejectionBurstEvent.NAME)).collect(Collectors.toList());
    }
  }

  @Test
  void failClosedRefusalsOverAllKeysMakeOneEventPerBurst() throws Exception {
    List<RecordedEvent> events = refuse(FailureMode.FAIL_CLOSED, RejectionBursts.REJECTIONS);
    assertEquals(2, events.size(), "one burst, a window of two seconds with none, a new burst: " + events);
    assertEquals("RedisRateLimiter[login:]", events.get(0).getString("limiter"));
    assertEquals("GCRA", events.get(0).getString("algorithm"));
    assertEquals(RejectionBursts.REJECTIONS, events.get(0).getInt("rejections"));
  }

  @Test
  void oneRefusalShortOfTheThresholdMakesNone() throws Exception {
    assertEquals(List.of(), refuse(FailureMode.FAIL_CLOSED, RejectionBursts.REJECTIONS - 1));
  }

  @Test
  void failOpenDecisionsAreNoRefusals() throws Exception {
    assertEquals(List.of(), refuse(FailureMode.FAIL_OPEN, RejectionBursts.REJECTIONS));
  }
}
