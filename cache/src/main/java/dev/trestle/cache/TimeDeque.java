package dev.trestle.cache;

/**
 * The timed entries in the order of their last write (or last access), oldest first, so that
 * maintenance finds the expired ones at the head. Links through the node's write or access fields.
 * Used under the eviction lock.
 */
final class TimeDeque<K, V> {

  private final boolean byWrite;
  private Node.Timed<K, V> first;
  private Node.Timed<K, V> last;

  TimeDeque(boolean byWrite) {
    this.byWrite = byWrite;
  }

  Node.Timed<K, V> first() {
    return first;
  }

  private Node.Timed<K, V> prev(Node.Timed<K, V> n) {
    return byWrite ? n.prevWrite : n.prevAccess;
  }

  private Node.Timed<K, V> next(Node.Timed<K, V> n) {
    return byWrite ? n.nextWrite : n.nextAccess;
  }

  private void setPrev(Node.Timed<K, V> n, Node.Timed<K, V> p) {
    if (byWrite) {
      n.prevWrite = p;
    } else {
      n.prevAccess = p;
    }
  }

  private void setNext(Node.Timed<K, V> n, Node.Timed<K, V> p) {
    if (byWrite) {
      n.nextWrite = p;
    } else {
      n.nextAccess = p;
    }
  }

  boolean contains(Node.Timed<K, V> n) {
    return prev(n) != null || first == n;
  }

  void addLast(Node.Timed<K, V> n) {
    setPrev(n, last);
    setNext(n, null);
    if (last == null) {
      first = n;
    } else {
      setNext(last, n);
    }
    last = n;
  }

  void remove(Node.Timed<K, V> n) {
    Node.Timed<K, V> p = prev(n);
    Node.Timed<K, V> x = next(n);
    if (p == null) {
      first = x;
    } else {
      setNext(p, x);
    }
    if (x == null) {
      last = p;
    } else {
      setPrev(x, p);
    }
    setPrev(n, null);
    setNext(n, null);
  }

  void moveToLast(Node.Timed<K, V> n) {
    if (last != n) {
      remove(n);
      addLast(n);
    }
  }
}
