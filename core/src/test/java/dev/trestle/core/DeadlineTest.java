package dev.trestle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  private final ManualTicker ticker = new ManualTicker();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void remainingShrinksAsTimePassesAndGoesNegativeAfterExpiry() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(10), ticker);
    assertEquals(Duration.ofSeconds(10), deadline.remaining());
    assertFalse(deadline.isExpired());
    ticker.advance(Duration.ofSeconds(9));
    assertEquals(Duration.ofSeconds(1), deadline.remaining());
    ticker.advance(Duration.ofSeconds(1));
    assertTrue(deadline.isExpired());
    ticker.advance(Duration.ofSeconds(2));
    assertEquals(Duration.ofSeconds(-2), deadline.remaining());
  }

  @Test
  void minPicksTheEarlierOnTheSameTicker() {
    Deadline soon = Deadline.after(Duration.ofSeconds(1), ticker);
    Deadline late = Deadline.after(Duration.ofSeconds(5), ticker);
    assertSame(soon, soon.min(late));
    assertSame(soon, late.min(soon));
  }

  @Test
  void minRefusesDeadlinesOnDifferentTickers() {
    Deadline a = Deadline.after(Duration.ofSeconds(1), ticker);
    Deadline b = Deadline.after(Duration.ofSeconds(1), new ManualTicker());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.min(b));
    assertTrue(e.getMessage().contains("same ticker"), e.getMessage());
  }

  @Test
  void rejectsNonPositiveAndNullTimeouts() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ZERO, ticker));
    assertTrue(zero.getMessage().startsWith("timeout must be positive"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ofMillis(-1), ticker));
    NullPointerException nullTimeout = assertThrows(NullPointerException.class, () -> Deadline.after(null, ticker));
    assertTrue(nullTimeout.getMessage().contains("timeout"));
    NullPointerException nullTicker = assertThrows(NullPointerException.class, () -> Deadline.after(Duration.ofSeconds(1), null));
    assertTrue(nullTicker.getMessage().contains("ticker"));
  }

  @Test
  void hugeTimeoutsDoNotOverflow() {
    Deadline far = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE), ticker);
    assertFalse(far.isExpired());
    assertTrue(far.remaining().toDays() > 365L * 100);
  }

  @Test
  void codeUnderADeadlineSeesItAsCurrentAndItIsRestoredAfterwards() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
    assertEquals(Optional.empty(), Deadline.current());
    Optional<Deadline> seen = deadline.call(Deadline::current);
    assertEquals(Optional.of(deadline), seen);
    assertEquals(Optional.empty(), Deadline.current());
  }

  @Test
  void aNestedDeadlineCanShortenButNeverExtend() throws Exception {
    Deadline outer = Deadline.after(Duration.ofSeconds(3), ticker);
    Deadline longer = Deadline.after(Duration.ofSeconds(10), ticker);
    Deadline shorter = Deadline.after(Duration.ofSeconds(1), ticker);
    assertSame(outer, outer.call(() -> longer.call(() -> Deadline.current().orElseThrow())));
    assertSame(shorter, outer.call(() -> shorter.call(() -> Deadline.current().orElseThrow())));
  }

  @Test
  void theDeadlineIsRestoredWhenTheTaskThrows() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> deadline.run(() -> { throw boom; }));
    assertSame(boom, thrown);
    assertEquals(Optional.empty(), Deadline.current());
  }

  @Test
  void aTaskHandedToTheWrappedExecutorCarriesTheDeadline() throws Exception {
    ExecutorService propagating = Deadline.propagating(pool);
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
    Future<Optional<Deadline>> seen = deadline.call(() -> propagating.submit(Deadline::current));
    assertEquals(Optional.of(deadline), seen.get(30, TimeUnit.SECONDS));
    // the worker thread does not keep it afterwards
    assertEquals(Optional.empty(), pool.submit(Deadline::current).get(30, TimeUnit.SECONDS));
  }

  @Test
  void aTaskHandedToAPlainExecutorDoesNotCarryTheDeadline() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
    Future<Optional<Deadline>> seen = deadline.call(() -> pool.submit(Deadline::current));
    assertEquals(Optional.empty(), seen.get(30, TimeUnit.SECONDS));
  }

  @Test
  void wrappedRunnablesCarryTheDeadlineCapturedWhenWrapped() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
    AtomicReference<Optional<Deadline>> seen = new AtomicReference<>();
    Runnable wrapped = deadline.call(() -> Deadline.wrap(() -> seen.set(Deadline.current())));
    pool.submit(wrapped).get(30, TimeUnit.SECONDS);
    assertEquals(Optional.of(deadline), seen.get());
    Deadline.propagating((java.util.concurrent.Executor) pool).execute(() -> seen.set(Deadline.current()));
  }

  @Test
  void toStringSaysHowFarAway() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
    assertTrue(deadline.toString().contains("PT3S from now"), deadline.toString());
    ticker.advance(Duration.ofSeconds(4));
    assertTrue(deadline.toString().contains("expired PT1S ago"), deadline.toString());
  }
}
