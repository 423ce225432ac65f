package dev.trestle.tck.pool;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An object the kit pools: numbered, and marked while in use, so the kit can see double leases and destroys. */
public final class Probe {

  final int id;
  final AtomicBoolean inUse = new AtomicBoolean();
  final AtomicInteger destroyed = new AtomicInteger();
  volatile boolean valid = true;

  Probe(int id) {
    this.id = id;
  }

  /** The probe's number, from 1 in order of creation. */
  public int id() {
    return id;
  }

  /** Whether the allocator has destroyed it. */
  public boolean isDestroyed() {
    return destroyed.get() > 0;
  }

  @Override
  public String toString() {
    return "Probe#" + id;
  }
}
