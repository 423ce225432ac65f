package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limiter's JFR burst event on a manual ticker: one event per burst, read back from a recording file. */
class RejectionBurstEventTest {

  @TempDir
  Path dir;

  private final ManualTicker ticker = new ManualTicker();
  private final RateLimiter limiter = RateLimiter.of(RateLimiterConfig.builder().name("login")
      .algorithm(RateLimitAlgorithm.FIXED_WINDOW).limit(1, Duration.ofHours(1)).ticker(ticker).build());

  private void reject(int times) {
    for (int i = 0; i < times; i++) {
      assertTrue(!limiter.tryAcquire());
    }
  }

  private void burstsAndAQuietWindow() {
    assertTrue(limiter.tryAcquire());
    reject(RejectionBursts.REJECTIONS - 1);
    reject(1); // the 100th refusal in the window: a burst starts
    reject(150); // the same burst
    ticker.advance(1, TimeUnit.SECONDS);
    reject(RejectionBursts.REJECTIONS); // the burst goes on in the next window
    ticker.advance(1, TimeUnit.SECONDS);
    reject(1); // a quiet window
    ticker.advance(1, TimeUnit.SECONDS);
    reject(RejectionBursts.REJECTIONS); // a new burst
  }

  private List<RecordedEvent> record(Recording recording) throws Exception {
    recording.start();
    burstsAndAQuietWindow();
    recording.stop();
    Path file = dir.resolve("limiter-" + recording.getId() + ".jfr");
    recording.dump(file);
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(RejectionBurstEvent.NAME)).collect(Collectors.toList());
  }

  @Test
  void aBurstIsCommittedOnceWhenItStarts() throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable(RejectionBurstEvent.NAME);
      List<RecordedEvent> events = record(recording);
      assertEquals(2, events.size(), events.toString());
      assertEquals("login", events.get(0).getString("limiter"));
      assertEquals("FIXED_WINDOW", events.get(0).getString("algorithm"));
      assertEquals(RejectionBursts.REJECTIONS, events.get(0).getInt("rejections"));
      assertEquals(Duration.ZERO, events.get(0).getDuration("within"));
    }
  }

  @Test
  void theEventIsOffByDefault() throws Exception {
    try (Recording recording = new Recording()) {
      assertEquals(List.of(), record(recording));
    }
  }
}
