package dev.trestle.cache;

/**
 * One queue of the adaptive policy: a circular doubly linked list through {@code Node.prev/next},
 * least recently used after the sentinel, with the total policy weight of its entries. A node in
 * the queue has {@code node.list == this}. Not thread-safe: used under the eviction lock.
 */
final class AccessQueue<K, V> {

  private final Node<K, V> sentinel = new Node<>(null, null);
  long weight;

  AccessQueue() {
    sentinel.prev = sentinel;
    sentinel.next = sentinel;
  }

  boolean holds(Node<K, V> node) {
    return node.list == this;
  }

  /** Returns the least recently used node, or null when empty. */
  Node<K, V> first() {
    Node<K, V> first = sentinel.next;
    return first == sentinel ? null : first;
  }

  /** Returns the most recently used node, or null when empty. */
  Node<K, V> last() {
    Node<K, V> last = sentinel.prev;
    return last == sentinel ? null : last;
  }

  /** Returns the node after {@code node} (more recent), or null at the end. */
  Node<K, V> after(Node<K, V> node) {
    Node<K, V> next = node.next;
    return next == sentinel ? null : next;
  }

  /** Returns the node before {@code node} (less recent), or null at the start. */
  Node<K, V> before(Node<K, V> node) {
    Node<K, V> prev = node.prev;
    return prev == sentinel ? null : prev;
  }

  /** Appends {@code node}, which is in no queue, as the most recent. */
  void addLast(Node<K, V> node) {
    Node<K, V> last = sentinel.prev;
    node.prev = last;
    node.next = sentinel;
    last.next = node;
    sentinel.prev = node;
    node.list = this;
    weight += node.policyWeight();
  }

  /** Puts {@code node}, which is in no queue, first, as the least recent. */
  void addFirst(Node<K, V> node) {
    Node<K, V> first = sentinel.next;
    node.next = first;
    node.prev = sentinel;
    first.prev = node;
    sentinel.next = node;
    node.list = this;
    weight += node.policyWeight();
  }

  /** Makes {@code node}, which is in this queue, the most recent. */
  void moveToLast(Node<K, V> node) {
    if (sentinel.prev != node) {
      unlink(node);
      Node<K, V> last = sentinel.prev;
      node.prev = last;
      node.next = sentinel;
      last.next = node;
      sentinel.prev = node;
    }
  }

  /** Takes {@code node}, which is in this queue, out of it. */
  void remove(Node<K, V> node) {
    unlink(node);
    node.prev = null;
    node.next = null;
    node.list = null;
    weight -= node.policyWeight();
  }

  private static <K, V> void unlink(Node<K, V> node) {
    node.prev.next = node.next;
    node.next.prev = node.prev;
  }
}
