/**
 * Opens the rendered report in real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core): every chart drew marks, no console errors, no network requests; saves a screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { createRng } from '@quantforge/core';
import { loadEuStockMarkets, logReturns } from '@quantforge/datasets';
import { DriftMonitor, detectDrift, renderDriftReport, type CellValue } from '@quantforge/drift';

const outDir = fileURLToPath(new URL('./output/', import.meta.url));

function buildReport(): string {
  const eu = loadEuStockMarkets();
  const names = ['DAX', 'SMI', 'CAC', 'FTSE'] as const;
  const ret = Object.fromEntries(names.map((n) => [n, Array.from(logReturns(eu.columns[n]))]));
  const n = ret.DAX.length;
  const rng = createRng(42);
  const regime = (i: number): string => (Math.abs(ret.DAX[i]) > 0.015 ? 'volatile' : 'calm');
  const rows: Record<string, CellValue>[] = Array.from({ length: n }, (_, i) => ({
    DAX: ret.DAX[i],
    SMI: ret.SMI[i],
    CAC: ret.CAC[i],
    FTSE: ret.FTSE[i],
    regime: regime(i),
  }));
  const reference = rows.slice(0, 800);
  const monitor = new DriftMonitor(reference, { windowSize: 150, mode: 'sliding', step: 50, task: 'classification', alertAfter: 2, clearAfter: 2 });
  rows.slice(800).forEach((row, i) => {
    const label = (row.DAX as number) > 0 ? 1 : 0;
    const prediction = Math.min(1, Math.max(0, 0.5 + 0.25 * (label - 0.5) + 0.3 * (rng.nextFloat() - 0.5)));
    monitor.update(row, { prediction, label });
    void i;
  });
  const report = detectDrift(reference, rows.slice(n - 400), { correction: 'benjamini-hochberg' });
  return renderDriftReport(report, { title: 'EuStockMarkets daily log returns: drift report', subtitle: 'reference: first 800 days; current: last 400 days; monitor: sliding 150-day windows', history: monitor.history });
}

describe('renderDriftReport in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'qf-drift-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
  }, 30_000);
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('every chart renders, no console errors, no network requests; screenshot saved', async () => {
    const html = buildReport();
    // the only URL in the page is the SVG namespace name (an identifier, never fetched)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'drift-report.html');
    writeFileSync(file, html);
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    const url = pathToFileURL(file).href;
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-report-ready="true"]', { timeout: 10_000 });
    const charts = await page.$$eval('.qf-chart', (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        const svg = e.querySelector('svg');
        const sr = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
        return {
          kind: e.getAttribute('data-chart'),
          rendered: e.getAttribute('data-rendered'),
          marks: Number(e.getAttribute('data-marks')),
          drawn: e.querySelectorAll('.mark').length,
          width: r.width,
          height: r.height,
          svgWidth: sr.width,
          svgHeight: sr.height,
        };
      }),
    );
    // 5 feature distributions + share-over-time + drift map + performance
    expect(charts.length).toBe(8);
    expect(new Set(charts.map((c) => c.kind))).toEqual(new Set(['distribution', 'share', 'heat', 'performance']));
    for (const c of charts) {
      expect(c.rendered, JSON.stringify(c)).toBe('true');
      expect(c.marks).toBeGreaterThan(0);
      expect(c.drawn).toBe(c.marks);
      expect(c.width).toBeGreaterThan(0);
      expect(c.height).toBeGreaterThan(0);
      expect(c.svgWidth).toBeGreaterThan(0);
      expect(c.svgHeight).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(outDir, 'drift-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 20_000);
});
