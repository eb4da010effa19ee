// Minimal declarations for the parts of jstat (which ships no types) used by
// test/distributions/third-party-accuracy.test.ts.
declare module 'jstat' {
  interface JStatNormal {
    cdf(x: number, mean: number, std: number): number;
    inv(p: number, mean: number, std: number): number;
    pdf(x: number, mean: number, std: number): number;
  }
  interface JStatStatic {
    normal: JStatNormal;
  }
  const jStat: JStatStatic;
  export default jStat;
}
