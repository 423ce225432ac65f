package dev.trestle.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryExhaustedEventTest {

  @TempDir
  Path dir;

  @Test
  void aRetryThatRunsOutOfAttemptsIsRecordedAndANonRetryableFailureIsNot() throws Exception {
    Retry retry = Retry.of(RetryConfig.builder().name("stock").maxAttempts(2).backoff(Backoff.fixed(Duration.ofNanos(1)))
        .retryExceptions(IOException.class).build());
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable(RetryExhaustedEvent.NAME);
      recording.start();
      assertThrows(IOException.class, () -> retry.call(() -> {
        throw new IOException("down");
      }));
      assertThrows(IllegalStateException.class, () -> retry.call(() -> {
        throw new IllegalStateException("bug");
      }));
      recording.stop();
      Path file = dir.resolve("retry.jfr");
      recording.dump(file);
      events = RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals(RetryExhaustedEvent.NAME)).collect(Collectors.toList());
    }
    assertEquals(1, events.size(), events.toString());
    assertEquals("stock", events.get(0).getString("retry"));
    assertEquals(2, events.get(0).getInt("attempts"));
    assertEquals("EXHAUSTED", events.get(0).getString("reason"));
    assertEquals(IOException.class.getName(), events.get(0).getClass("lastFailure").getName());
  }
}
