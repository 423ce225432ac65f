package dev.trestle.core.balance;

import java.util.concurrent.locks.ReentrantLock;

/**
 * WEIGHTED_ROUND_ROBIN, nginx's smooth weighted round robin: each pick adds every live node's weight
 * to its running weight, takes the node with the largest, and takes the total weight off it. Over
 * any run of total-weight picks each node is picked exactly its weight times, interleaved. The
 * running weights belong to the view, so a change of set or ejection starts a fresh cycle.
 */
final class SmoothWeightedChooser implements Chooser {

  private final ReentrantLock lock = new ReentrantLock();

  @Override
  public int choose(View<?> view, long keyHash, long now) {
    long[] current = view.smoothCurrent;
    lock.lock();
    try {
      int best = -1;
      for (int i : view.live) {
        current[i] += view.weight(i);
        if (best < 0 || current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= view.liveWeight;
      return best;
    } finally {
      lock.unlock();
    }
  }
}
