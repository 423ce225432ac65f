package dev.trestle.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's JFR event, read back from a recording file (no timing decides an assertion). */
class AcquireWaitEventTest {

  @TempDir
  Path dir;

  private final ObjectPool<Object> pool = ObjectPool.create(new Allocator<>() {
    @Override
    public Object create() {
      return new Object();
    }

    @Override
    public void destroy(Object object) {}
  }, PoolConfig.builder().name("orders").maxSize(1).ticker(new ManualTicker()).build());

  @AfterEach
  void close() {
    pool.close();
  }

  /** Takes the pool's only object (creating it: a wait) and then times out on a second acquire. */
  private void waitThenTimeOut() {
    Lease<Object> held = pool.acquire();
    assertThrows(PoolTimeoutException.class, () -> pool.acquire(Duration.ZERO));
    held.close();
  }

  private List<RecordedEvent> record(Recording recording) throws Exception {
    recording.start();
    waitThenTimeOut();
    recording.stop();
    Path file = dir.resolve("pool-" + recording.getId() + ".jfr");
    recording.dump(file);
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(AcquireWaitEvent.NAME)).collect(Collectors.toList());
  }

  @Test
  void anEnabledRecordingSeesTheWaitAndTheTimeout() throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable(AcquireWaitEvent.NAME).withThreshold(Duration.ZERO);
      List<RecordedEvent> events = record(recording);
      assertEquals(2, events.size(), events.toString());
      assertEquals("orders", events.get(0).getString("pool"));
      assertTrue(events.get(0).getBoolean("acquired"));
      assertFalse(events.get(1).getBoolean("acquired"));
      assertEquals(0, events.get(1).getInt("waitingThreads"));
    }
  }

  @Test
  void waitsUnderTheThresholdAreNotCommitted() throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable(AcquireWaitEvent.NAME).withThreshold(Duration.ofHours(1));
      assertEquals(List.of(), record(recording));
    }
  }

  @Test
  void theEventIsOffByDefault() throws Exception {
    try (Recording recording = new Recording()) {
      assertEquals(List.of(), record(recording));
    }
  }
}
