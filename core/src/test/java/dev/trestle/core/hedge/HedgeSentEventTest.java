package dev.trestle.core.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trestle.core.ManualTicker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HedgeSentEventTest {

  @TempDir
  Path dir;

  @Test
  void aHedgeSentIsRecordedWithItsAttemptAndDelay() throws Exception {
    ManualTicker ticker = new ManualTicker();
    Hedge hedge = Hedge.of(HedgeConfig.builder().name("search").fixedDelay(Duration.ofMillis(30)).budget(1, 1000)
        .ticker(ticker).build());
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable(HedgeSentEvent.NAME);
      recording.start();
      CompletableFuture<String> slow = new CompletableFuture<>();
      AtomicInteger sent = new AtomicInteger();
      CompletableFuture<String> result = hedge.callAsync(() -> sent.getAndIncrement() == 0 ? slow
          : CompletableFuture.completedFuture("hedged"));
      ticker.advance(30, TimeUnit.MILLISECONDS);
      assertEquals("hedged", result.get());
      recording.stop();
      Path file = dir.resolve("hedge.jfr");
      recording.dump(file);
      events = RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals(HedgeSentEvent.NAME)).collect(Collectors.toList());
    }
    assertEquals(1, events.size(), events.toString());
    assertEquals("search", events.get(0).getString("hedge"));
    assertEquals(2, events.get(0).getInt("attempt"));
    assertEquals(Duration.ofMillis(30), events.get(0).getDuration("sinceCallStart"));
  }
}
