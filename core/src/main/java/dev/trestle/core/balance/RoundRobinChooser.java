package dev.trestle.core.balance;

import java.util.concurrent.atomic.AtomicInteger;

/** ROUND_ROBIN: one shared counter over the live nodes. */
final class RoundRobinChooser implements Chooser {

  private final AtomicInteger next = new AtomicInteger();

  @Override
  public int choose(View<?> view, long keyHash, long now) {
    return view.live[Math.floorMod(next.getAndIncrement(), view.live.length)];
  }
}
