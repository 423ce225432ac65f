package dev.trestle.core.hash;

final class Primes {

  private Primes() {}

  static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    for (long d = 2; d * d <= n; d++) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }

  static int atLeast(long n) {
    long candidate = Math.max(2, n);
    while (!isPrime(candidate)) {
      candidate++;
    }
    return (int) candidate;
  }
}
