package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.ratelimit.RedisRateLimiterConfig.FailureMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Every error reply that means "Redis cannot do this now" goes through the failure mode, is counted,
 * and begins one logged outage; other error replies are thrown. Against {@link FakeRedis} on a
 * loopback port: no real server, no timeout involved. (Issue 16, defect 3: LOADING and READONLY made
 * every decision throw, 20 of 20 in each mode, and were not counted.)
 */
class RedisErrorReplyTest {

  /** The replies real Redis gives for each "not now" state, verbatim up to the first words. */
  static final List<String> NOT_NOW = List.of(
      "LOADING Redis is loading the dataset in memory",
      "READONLY You can't write against a read only replica.",
      "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
      "NOREPLICAS Not enough good replicas to write.",
      "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
      "OOM command not allowed when used memory > 'maxmemory'.",
      "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
      "TRYAGAIN Multiple keys request during rehashing of slot",
      "CLUSTERDOWN The cluster is down",
      "ERR max number of clients reached");

  private FakeRedis fake;
  private RedisClient client;

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

  private RedisRateLimiter limiter(FailureMode mode) {
    return RedisRateLimiter.of(client, RedisRateLimiterConfig.builder().limit(5, Duration.ofSeconds(1)).failureMode(mode).build());
  }

  static Stream<Arguments> repliesInEachMode() {
    List<Arguments> cases = new ArrayList<>();
    for (String reply : NOT_NOW) {
      for (FailureMode mode : FailureMode.values()) {
        cases.add(Arguments.of(reply, mode));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} on -{0}")
  @MethodSource("repliesInEachMode")
  void everyNotNowReplyIsDecidedByTheFailureModeAndCounted(String reply, FailureMode mode) {
    RedisRateLimiter limiter = limiter(mode);
    assertTrue(limiter.tryAcquire("k"), "the fake admits while it answers normally");
    fake.errorReply = reply;
    for (int i = 0; i < 20; i++) {
      RateLimitDecision decision = limiter.probe("k", 1);
      assertEquals(mode == FailureMode.FAIL_OPEN, decision.allowed(), reply + " -> " + decision);
      if (mode == FailureMode.FAIL_CLOSED) {
        assertEquals(Duration.ofSeconds(1).toNanos(), decision.retryAfterNanos(), "refused for one period");
      }
    }
    assertEquals(20, limiter.failures());
    assertEquals(1, limiter.outage().begun(), "one outage, logged once");
    fake.errorReply = null;
    assertTrue(limiter.tryAcquire("k"), "answers again: the script decides");
    assertFalse(limiter.outage().down(), "the recovery is noted");
    assertEquals(20, limiter.failures());
  }

  @Test
  void eachOutageIsLoggedOnceWhenItBeginsAndOnceWhenItEnds() {
    RedisRateLimiter limiter = limiter(FailureMode.FAIL_OPEN);
    for (int outage = 1; outage <= 3; outage++) {
      fake.errorReply = "LOADING Redis is loading the dataset in memory";
      for (int i = 0; i < 5; i++) {
        limiter.tryAcquire("k");
      }
      assertTrue(limiter.outage().down());
      assertEquals(outage, limiter.outage().begun());
      fake.errorReply = null;
      limiter.tryAcquire("k");
      limiter.tryAcquire("k");
      assertFalse(limiter.outage().down());
      assertEquals(outage, limiter.outage().begun());
    }
    assertEquals(15, limiter.failures());
  }

  @Test
  void anErrorThatWaitingWillNotFixIsThrownAndNotCounted() {
    RedisRateLimiter limiter = limiter(FailureMode.FAIL_OPEN);
    for (String reply : List.of("ERR Error running script (call to f_x): @user_script:1: bad", "WRONGTYPE Operation against a key "
        + "holding the wrong kind of value", "NOPERM this user has no permissions to run the 'evalsha' command")) {
      fake.errorReply = reply;
      JedisDataException e = assertThrows(JedisDataException.class, () -> limiter.tryAcquire("k"), reply);
      assertTrue(e.getMessage().startsWith(reply.substring(0, 4)), e.getMessage());
    }
    assertEquals(0, limiter.failures());
    assertFalse(limiter.outage().down());
  }

  @Test
  void aDecisionIsOneCallToRedisEvenTheFirst() {
    RedisRateLimiter limiter = limiter(FailureMode.FAIL_OPEN);
    limiter.tryAcquire("k");
    limiter.tryAcquire("k");
    assertEquals(2, fake.scripts.get(), "no SCRIPT LOAD round trip before the first decision");
  }
}
