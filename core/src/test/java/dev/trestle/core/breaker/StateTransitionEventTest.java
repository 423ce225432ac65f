package dev.trestle.core.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trestle.core.ManualTicker;
import java.io.IOException;
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

/** The breaker's JFR event, read back from a recording file. */
class StateTransitionEventTest {

  @TempDir
  Path dir;

  /** Opens the breaker with two failures, then lets a trial call through and closes it. */
  private static void openAndRecover() {
    ManualTicker ticker = new ManualTicker();
    CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder().name("inventory")
        .slidingWindow(CircuitBreakerConfig.WindowType.COUNT_BASED, 2).minimumNumberOfCalls(2)
        .permittedCallsInHalfOpen(1).waitInOpen(Duration.ofSeconds(5)).ticker(ticker).build());
    breaker.onError(1, new IOException());
    breaker.onError(1, new IOException());
    ticker.advance(5, TimeUnit.SECONDS);
    breaker.acquirePermission();
    breaker.onSuccess(1);
    breaker.transitionToForcedOpen();
  }

  private List<String> transitions(Recording recording) throws Exception {
    recording.start();
    openAndRecover();
    recording.stop();
    Path file = dir.resolve("breaker-" + recording.getId() + ".jfr");
    recording.dump(file);
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(StateTransitionEvent.NAME))
        .map(StateTransitionEventTest::describe).collect(Collectors.toList());
  }

  private static String describe(RecordedEvent e) {
    return e.getString("breaker") + ": " + e.getString("from") + " -> " + e.getString("to");
  }

  @Test
  void anEnabledRecordingSeesEveryTransitionInOrder() throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable(StateTransitionEvent.NAME);
      assertEquals(List.of("inventory: CLOSED -> OPEN", "inventory: OPEN -> HALF_OPEN", "inventory: HALF_OPEN -> CLOSED",
          "inventory: CLOSED -> FORCED_OPEN"), transitions(recording));
    }
  }

  @Test
  void theEventIsOffByDefault() throws Exception {
    try (Recording recording = new Recording()) {
      assertEquals(List.of(), transitions(recording));
    }
  }
}
