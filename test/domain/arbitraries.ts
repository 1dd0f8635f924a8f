import fc from 'fast-check'
import type { Tier } from '../../types/api'

/**
 * A valid price ladder: the first threshold is 1, thresholds rise by 1..maxRise, prices fall by
 * 1..maxDrop fen from `top` and stay at least 1 fen; at most `maxSteps` tiers after the first.
 */
export function arbitraryLadder(o: { top: [number, number]; maxRise: number; maxDrop: number; maxSteps: number }): fc.Arbitrary<Tier[]> {
  return fc
    .tuple(
      fc.integer({ min: o.top[0], max: o.top[1] }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: o.maxRise }), fc.integer({ min: 1, max: o.maxDrop })), { maxLength: o.maxSteps }),
    )
    .map(([top, steps]) => {
      const tiers: Tier[] = [{ threshold: 1, unitPriceFen: top }]
      for (const [up, down] of steps) {
        const last = tiers[tiers.length - 1]
        if (last.unitPriceFen - down < 1) break
        tiers.push({ threshold: last.threshold + up, unitPriceFen: last.unitPriceFen - down })
      }
      return tiers
    })
}
