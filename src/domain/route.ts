import { haversineM, type LatLng } from './geo'

/** A planned delivery route: the stops in driving order, each leg and the total, in whole metres. */
export interface PlannedRoute {
  /** indices into the given stops, in the order to visit them */
  order: number[]
  /** legsM[k]: from the previous stop (the depot for k = 0) to stop order[k] */
  legsM: number[]
  /** Σ legsM */
  totalM: number
}

/** Length of an open path depot -> stops[order[0]] -> ... (whole metres, as haversineM gives them). */
export function pathLengthM(depot: LatLng, stops: readonly LatLng[], order: readonly number[]): number {
  let total = 0
  let at = depot
  for (const i of order) {
    total += haversineM(at, stops[i])
    at = stops[i]
  }
  return total
}

/**
 * The order to drive a van from the depot through every stop: nearest neighbour from the depot (ties
 * to the lower index), then improved by 2-opt until no reversal of a stretch of the path shortens
 * it. An OPEN path: the van does not return to the depot, so there is no closing leg, and reversing
 * the tail of the path (the last stop changes) is one of the moves. Distances are great-circle
 * (haversineM, whole metres), not road distances. Deterministic: the same input gives the same route.
 *
 * Or-opt (moving a run of up to three stops elsewhere) is tried too once 2-opt is stuck. The heuristic's
 * guarantee: the route is never longer than nearest neighbour's, and neither a reversal nor such a move
 * shortens it (a local optimum). It is the shortest of all for up to three stops (every other order is
 * one move away); from four stops on a local optimum can, rarely, be a few percent longer than the best.
 */
export function planRoute(depot: LatLng, stops: readonly LatLng[]): PlannedRoute {
  const order = nearestNeighbour(depot, stops)
  // 2-opt, then Or-opt (move a run of up to three stops elsewhere), until neither shortens it
  for (;;) {
    twoOpt(depot, stops, order)
    if (!orOpt(depot, stops, order)) break
  }
  return withLegs(depot, stops, order)
}

/** Nearest neighbour alone: from the depot, always the closest stop not yet visited (ties: lower index). */
export function nearestNeighbour(depot: LatLng, stops: readonly LatLng[]): number[] {
  const left = new Set(stops.map((_, i) => i))
  const order: number[] = []
  let at = depot
  while (left.size > 0) {
    let best = -1
    let bestM = Infinity
    for (const i of left) {
      const m = haversineM(at, stops[i])
      if (m < bestM) {
        best = i
        bestM = m
      }
    }
    order.push(best)
    left.delete(best)
    at = stops[best]
  }
  return order
}

/**
 * 2-opt on an open path with a fixed start: reverse the stretch order[i..j] whenever that shortens the
 * path (the edge after j is absent when j is the last stop). First improvement, repeated to a fixed
 * point; every move strictly shortens an integer length, so it ends.
 */
function twoOpt(depot: LatLng, stops: readonly LatLng[], order: number[]): void {
  const n = order.length
  const pos = (k: number): LatLng => (k < 0 ? depot : stops[order[k]])
  let improved = true
  while (improved) {
    improved = false
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const before = haversineM(pos(i - 1), pos(i)) + (j + 1 < n ? haversineM(pos(j), pos(j + 1)) : 0)
        const after = haversineM(pos(i - 1), pos(j)) + (j + 1 < n ? haversineM(pos(i), pos(j + 1)) : 0)
        if (after < before) {
          reverse(order, i, j)
          improved = true
        }
      }
    }
  }
}

/**
 * Or-opt: take a run of 1-3 consecutive stops out and put it back elsewhere (either way round) when
 * that shortens the path. Applies the first such move; true when it did.
 */
function orOpt(depot: LatLng, stops: readonly LatLng[], order: number[]): boolean {
  const n = order.length
  const current = pathLengthM(depot, stops, order)
  for (let len = 1; len <= Math.min(3, n - 1); len++) {
    for (let i = 0; i + len <= n; i++) {
      const run = order.slice(i, i + len)
      const rest = [...order.slice(0, i), ...order.slice(i + len)]
      for (let at = 0; at <= rest.length; at++) {
        if (at === i) continue
        for (const piece of len > 1 ? [run, [...run].reverse()] : [run]) {
          const candidate = [...rest.slice(0, at), ...piece, ...rest.slice(at)]
          if (pathLengthM(depot, stops, candidate) < current) {
            order.splice(0, n, ...candidate)
            return true
          }
        }
      }
    }
  }
  return false
}

function reverse(order: number[], i: number, j: number): void {
  for (let a = i, b = j; a < b; a++, b--) [order[a], order[b]] = [order[b], order[a]]
}

function withLegs(depot: LatLng, stops: readonly LatLng[], order: number[]): PlannedRoute {
  const legsM: number[] = []
  let at = depot
  for (const i of order) {
    legsM.push(haversineM(at, stops[i]))
    at = stops[i]
  }
  return { order, legsM, totalM: legsM.reduce((a, b) => a + b, 0) }
}
