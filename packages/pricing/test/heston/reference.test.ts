/**
 * QuantLib 1.29 AnalyticHestonEngine (relTolerance 1e-14) cross-checked with 30-digit mpmath;
 * tolerance is the file's own (1e-8 abs + 1e-8 rel). Half the cases violate Feller.
 * edge-quantlib.json: the same engine on edge regimes (σ → 0, κ = 50, 1-day and 30-year
 * expiries, deep OTM, 2κθ/σ² = 4e-4, ρ = -0.99), generated with benchmarks/cpp/ql_heston.cpp.
 */
import { describe, expect, it } from "vitest";
import { hestonPrice } from "@quantforge/pricing";
import type { HestonInput } from "@quantforge/pricing";
import {
  loadFixture,
  toleranceFor,
  toleranceRatio,
  withinTolerance,
} from "../../../../test-utils/fixture";

for (const file of ["analytic.json", "edge-quantlib.json"]) {
  const fixture = loadFixture<HestonInput, { price: number }>(
    new URL(`../fixtures/heston/${file}`, import.meta.url)
  );

  describe(`${fixture.name} (${fixture.cases.length} cases)`, () => {
    const tol = toleranceFor(fixture as never, "price");
    it.each(fixture.cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      const got = hestonPrice(c.input);
      expect(
        withinTolerance(got, c.expected.price, tol),
        `got ${got}, expected ${c.expected.price}`
      ).toBe(true);
    });
    it("worst case stays inside the tolerance", () => {
      const worst = Math.max(
        ...fixture.cases.map((c) =>
          toleranceRatio(hestonPrice(c.input), c.expected.price, tol)
        )
      );
      console.info(
        `${fixture.name}: worst error = ${worst.toExponential(2)} × tolerance`
      );
      expect(worst).toBeLessThanOrEqual(1);
    });
  });
}
