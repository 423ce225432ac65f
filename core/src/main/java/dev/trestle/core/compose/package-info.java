/**
 * Composition of core's blocks around one call: {@link dev.trestle.core.compose.CallPolicy} stacks
 * a retry, a circuit breaker, a bulkhead, a hedge and a time limiter in the one order that works.
 * Unlike the block packages, this package depends on the blocks it composes, and on nothing else.
 */
package dev.trestle.core.compose;
