package dev.trestle.pool;

/**
 * A lease: one entry lent to one borrower under one lease number, ended exactly once. It holds only
 * final fields and the entry keeps its state (the entry's word names the open lease), so nothing is
 * written to the lease and it never reaches the pool's shared state: when the borrower's code inlines
 * acquire and close, the JIT can drop the allocation altogether. A lease closed twice, or closed after
 * its object has been lent again, finds another number in the entry and does nothing.
 *
 * <p>Two fields (24 bytes with compressed oops): the pool is the entry's, so a lease that does escape
 * (a JDBC connection handle keeps its lease) costs as little as it can.
 */
final class PooledLease<T> implements Lease<T> {

  private final Entry<T> entry;
  private final long number;

  PooledLease(Entry<T> entry, long number) {
    this.entry = entry;
    this.number = number;
  }

  @Override
  public T get() {
    if (!entry.leasedAs(number)) {
      throw new IllegalStateException("this lease of pool '" + entry.pool.config.name
          + "' has ended (closed or invalidated); its object may already be lent to someone else");
    }
    return entry.object;
  }

  @Override
  public boolean isOpen() {
    return entry.leasedAs(number);
  }

  @Override
  public void close() {
    entry.pool.release(entry, number);
  }

  @Override
  public void invalidate() {
    if (entry.end(number)) {
      entry.pool.giveBack(entry, true);
    }
  }

  @Override
  public String toString() {
    return "Lease[" + entry.pool.config.name + (entry.leasedAs(number) ? ", open]" : ", ended]");
  }
}
