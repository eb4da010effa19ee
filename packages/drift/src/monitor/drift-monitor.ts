/**
 * Streaming drift monitor over sliding or tumbling windows.
 */
import { InvalidInputError } from '@quantforge/core';
import { binIndex, innerEdges } from '../binned/binning';
import type { Category } from '../binned/categorical';
import {
  assembleReport,
  prepareColumn,
  resolveOptions,
  type DetectDriftOptions,
  type DriftReport,
  type PreparedPair,
  type ResolvedOptions,
} from '../detect/detect-drift';
import type { PreparedColumn } from '../detect/column-test';
import { cleanColumn, inferType, isMissing, tableColumns, type CellValue, type ColumnType, type Table } from '../detect/table';
import { classificationMetrics, regressionMetrics, type ClassificationMetrics, type RegressionMetrics } from './performance';
import { SortedBuffer } from './sorted-buffer';

export interface DriftMonitorOptions extends DetectDriftOptions {
  /** Rows per window. */
  windowSize: number;
  /** 'tumbling' (default): evaluate each full, disjoint window. 'sliding': the last windowSize rows, every `step` rows. */
  mode?: 'sliding' | 'tumbling';
  /** Sliding mode: evaluate every `step` new rows once the window is full (default 1). */
  step?: number;
  /** Raise an alert after this many consecutive drifted evaluations (default 1). */
  alertAfter?: number;
  /** Clear an alert after this many consecutive clean evaluations (default 2). */
  clearAfter?: number;
  /** Model task for labelled feedback: 'classification' (scores in [0, 1], labels 0/1) or 'regression'. */
  task?: 'classification' | 'regression';
  /** Feedback pairs kept for the performance metrics (default windowSize). */
  performanceWindow?: number;
  /** Classification threshold for accuracy (default 0.5). */
  decisionThreshold?: number;
}

export interface Feedback {
  prediction: number;
  label: number;
}

export interface MonitorSnapshot {
  /** Number of rows seen when this window was evaluated. */
  rowsSeen: number;
  /** Index of this evaluation (0-based). */
  evaluation: number;
  datasetDrift: boolean;
  shareOfDriftedColumns: number;
  driftedColumns: string[];
  columns: { column: string; test: string; statistic: number; pValue: number | null; adjustedPValue: number | null; threshold: number; drifted: boolean }[];
  performance: ClassificationMetrics | RegressionMetrics | null;
  /** Alert state after this evaluation. */
  alert: boolean;
}

export interface MonitorEvent {
  type: 'alert' | 'clear';
  rowsSeen: number;
  evaluation: number;
  driftedColumns: string[];
}

interface ColumnState {
  name: string;
  type: ColumnType;
  ref: PreparedColumn;
  edges: Float64Array | null;
  sorted: SortedBuffer | null;
  hist: Float64Array | null;
  counts: Map<Category, number> | null;
  size: number;
  refMissing: number;
}

/**
 * Streaming drift monitor: feed rows one at a time with `update(row, feedback?)`; when a window is
 * complete (tumbling) or every `step` rows once full (sliding), every column of the reference is
 * tested against the window exactly as {@link detectDrift} would test it (same test choice,
 * correction and thresholds; same numbers — the window is kept as an incrementally maintained
 * sorted buffer and reference-decile histogram per numeric column and category counts per
 * categorical column, and the shared column-test code runs on them).
 *
 * Alerts use hysteresis: `alertAfter` consecutive drifted evaluations raise an 'alert' event,
 * `clearAfter` consecutive clean ones raise 'clear'. Labelled feedback ({prediction, label}) is kept
 * in its own window of `performanceWindow` pairs and summarised at each evaluation (accuracy and
 * AUC for classifiers, MAE and RMSE for regressors). `history` holds every evaluation, for the report.
 */
export class DriftMonitor {
  readonly history: MonitorSnapshot[] = [];
  private readonly opts: ResolvedOptions;
  private readonly windowSize: number;
  private readonly mode: 'sliding' | 'tumbling';
  private readonly step: number;
  private readonly alertAfter: number;
  private readonly clearAfter: number;
  private readonly dropNaN: boolean;
  private readonly cols: ColumnState[];
  private readonly fifo: (Record<string, CellValue> | null)[] = [];
  private fifoStart = 0;
  private readonly referenceRows: number;
  private rowsSeen = 0;
  private sinceEval = 0;
  private drifted = 0;
  private clean = 0;
  private alertState = false;
  private readonly task: 'classification' | 'regression' | undefined;
  private readonly perfWindow: number;
  private readonly decisionThreshold: number;
  private readonly fbPred: number[] = [];
  private readonly fbLabel: number[] = [];
  private last: DriftReport | null = null;

  constructor(reference: Table, options: DriftMonitorOptions) {
    if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object with windowSize', options);
    const ws = options.windowSize;
    if (!Number.isInteger(ws) || ws < 2) throw new InvalidInputError('windowSize', 'must be an integer >= 2', ws);
    this.windowSize = ws;
    this.mode = options.mode ?? 'tumbling';
    if (this.mode !== 'sliding' && this.mode !== 'tumbling') throw new InvalidInputError('mode', "must be 'sliding' or 'tumbling'", this.mode);
    this.step = this.mode === 'tumbling' ? ws : (options.step ?? 1);
    if (!Number.isInteger(this.step) || this.step < 1) throw new InvalidInputError('step', 'must be an integer >= 1', options.step);
    this.alertAfter = options.alertAfter ?? 1;
    this.clearAfter = options.clearAfter ?? 2;
    if (!Number.isInteger(this.alertAfter) || this.alertAfter < 1) throw new InvalidInputError('alertAfter', 'must be an integer >= 1', this.alertAfter);
    if (!Number.isInteger(this.clearAfter) || this.clearAfter < 1) throw new InvalidInputError('clearAfter', 'must be an integer >= 1', this.clearAfter);
    this.task = options.task;
    if (this.task !== undefined && this.task !== 'classification' && this.task !== 'regression') throw new InvalidInputError('task', "must be 'classification' or 'regression'", this.task);
    this.perfWindow = options.performanceWindow ?? ws;
    this.decisionThreshold = options.decisionThreshold ?? 0.5;
    this.dropNaN = options.dropNaN ?? false;
    this.opts = resolveOptions(options);
    const R = tableColumns(reference, 'reference');
    this.referenceRows = R.rows;
    const names = options.columns ?? R.names;
    if (names.length === 0) throw new InvalidInputError('reference', 'has no columns');
    this.cols = names.map((name) => {
      if (!R.names.includes(name)) throw new InvalidInputError(`reference.${name}`, 'is not a column of the reference table');
      const rv = R.column(name);
      const type = options.columnTypes?.[name] ?? inferType(rv);
      const rc = cleanColumn(rv, type, `reference.${name}`, this.dropNaN);
      const vals = type === 'numeric' ? (rc.numeric as Float64Array) : (rc.categories as Category[]);
      if (vals.length === 0) throw new InvalidInputError(`reference.${name}`, 'has no values');
      const ref = prepareColumn(vals, type);
      const numeric = ref.type === 'numeric';
      const edges = numeric ? innerEdges(ref.sorted, { bins: this.opts.bins }) : null;
      return {
        name,
        type,
        ref,
        edges,
        sorted: numeric ? new SortedBuffer(ws) : null,
        hist: edges ? new Float64Array(edges.length + 1) : null,
        counts: numeric ? null : new Map<Category, number>(),
        size: 0,
        refMissing: rc.missing,
      };
    });
  }

  /** 'alert' while an alert is raised, else 'ok'. */
  get state(): 'ok' | 'alert' {
    return this.alertState ? 'alert' : 'ok';
  }

  /** The most recent evaluation's full report (null before the first). */
  get lastReport(): DriftReport | null {
    return this.last;
  }

  /** The rows of the current window, oldest first (for checks against detectDrift). */
  windowRows(): Record<string, CellValue>[] {
    return this.fifo.slice(this.fifoStart).filter((r): r is Record<string, CellValue> => r !== null);
  }

  /** Adds labelled feedback for the performance metrics. */
  addFeedback(feedback: Feedback): void {
    const p = feedback?.prediction;
    const l = feedback?.label;
    if (typeof p !== 'number' || !Number.isFinite(p)) throw new InvalidInputError('feedback.prediction', 'must be a finite number', p);
    if (typeof l !== 'number' || !Number.isFinite(l)) throw new InvalidInputError('feedback.label', 'must be a finite number', l);
    if (this.task === 'classification' && l !== 0 && l !== 1) throw new InvalidInputError('feedback.label', 'must be 0 or 1 for classification', l);
    this.fbPred.push(p);
    this.fbLabel.push(l);
    if (this.fbPred.length > this.perfWindow) {
      this.fbPred.shift();
      this.fbLabel.shift();
    }
  }

  /** Current performance metrics over the feedback window (null without feedback or task). */
  performance(): ClassificationMetrics | RegressionMetrics | null {
    if (!this.task || this.fbPred.length === 0) return null;
    return this.task === 'classification'
      ? classificationMetrics(this.fbPred, this.fbLabel, this.decisionThreshold)
      : regressionMetrics(this.fbPred, this.fbLabel);
  }

  /** Feeds one row (and optional feedback); returns the alert/clear events it triggered. */
  update(row: Record<string, CellValue>, feedback?: Feedback): MonitorEvent[] {
    if (row === null || typeof row !== 'object') throw new InvalidInputError('row', 'must be an object', row);
    // validate the whole row before mutating any state
    for (const c of this.cols) {
      const v = row[c.name];
      if (isMissing(v)) {
        if (!this.dropNaN) throw new InvalidInputError(`row.${c.name}`, 'has 1 missing (NaN/null) value; pass dropNaN: true to drop it', v);
      } else if (c.type === 'numeric' && (typeof v !== 'number' || !Number.isFinite(v))) {
        throw new InvalidInputError(`row.${c.name}`, 'must be a finite number in a numeric column', v);
      } else if (c.type === 'categorical' && typeof v === 'number' && !Number.isFinite(v)) {
        throw new InvalidInputError(`row.${c.name}`, 'must be finite', v);
      }
    }
    if (feedback !== undefined) this.addFeedback(feedback);
    // sliding: the oldest row leaves before the new one enters, so the window holds windowSize rows
    if (this.mode === 'sliding' && this.fifo.length - this.fifoStart === this.windowSize) this.popOldest();
    this.push(row);
    this.rowsSeen++;
    this.sinceEval++;
    const events: MonitorEvent[] = [];
    const size = this.fifo.length - this.fifoStart;
    if (size === this.windowSize && (this.mode === 'tumbling' || this.sinceEval >= this.step || this.history.length === 0)) {
      this.evaluate(events);
      this.sinceEval = 0;
      if (this.mode === 'tumbling') this.resetWindow();
    }
    return events;
  }

  /** Feeds many rows; returns all events. */
  updateMany(rows: ReadonlyArray<Record<string, CellValue>>, feedback?: ReadonlyArray<Feedback>): MonitorEvent[] {
    const out: MonitorEvent[] = [];
    rows.forEach((r, i) => out.push(...this.update(r, feedback?.[i])));
    return out;
  }

  private push(row: Record<string, CellValue>): void {
    const kept: Record<string, CellValue> = {};
    for (const c of this.cols) {
      const v = row[c.name];
      kept[c.name] = v;
      if (isMissing(v)) continue;
      c.size++;
      if (c.sorted) {
        const x = v as number;
        c.sorted.insert(x);
        (c.hist as Float64Array)[binIndex(c.edges as Float64Array, x)]++;
      } else {
        const k = v as Category;
        const m = c.counts as Map<Category, number>;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
    }
    this.fifo.push(kept);
  }

  private popOldest(): void {
    const row = this.fifo[this.fifoStart];
    this.fifo[this.fifoStart] = null;
    this.fifoStart++;
    if (this.fifoStart > 4096 && this.fifoStart * 2 > this.fifo.length) {
      this.fifo.splice(0, this.fifoStart);
      this.fifoStart = 0;
    }
    if (!row) return;
    for (const c of this.cols) {
      const v = row[c.name];
      if (isMissing(v)) continue;
      c.size--;
      if (c.sorted) {
        const x = v as number;
        c.sorted.remove(x);
        (c.hist as Float64Array)[binIndex(c.edges as Float64Array, x)]--;
      } else {
        const k = v as Category;
        const m = c.counts as Map<Category, number>;
        const n = (m.get(k) ?? 0) - 1;
        if (n > 0) m.set(k, n);
        else m.delete(k);
      }
    }
  }

  private resetWindow(): void {
    this.fifo.length = 0;
    this.fifoStart = 0;
    for (const c of this.cols) {
      c.size = 0;
      c.sorted?.clear();
      c.hist?.fill(0);
      c.counts?.clear();
    }
  }

  private evaluate(events: MonitorEvent[]): void {
    const pairs: PreparedPair[] = this.cols.map((c) => {
      if (c.size === 0) throw new InvalidInputError(`window.${c.name}`, 'has no values in this window');
      const cur: PreparedColumn = c.sorted
        ? { type: 'numeric', sorted: Float64Array.from(c.sorted.view()) }
        : { type: 'categorical', counts: new Map(c.counts as Map<Category, number>), size: c.size };
      const missing = this.windowSize - c.size;
      return {
        column: c.name,
        type: c.type,
        ref: c.ref,
        cur,
        missing: { reference: c.refMissing, current: missing },
        ctx: c.edges ? { edges: c.edges, currentBinCounts: Float64Array.from(c.hist as Float64Array) } : undefined,
      };
    });
    const report = assembleReport(pairs, this.opts, this.referenceRows, this.windowSize);
    this.last = report;
    if (report.datasetDrift) {
      this.drifted++;
      this.clean = 0;
    } else {
      this.clean++;
      this.drifted = 0;
    }
    const evaluation = this.history.length;
    if (!this.alertState && this.drifted >= this.alertAfter) {
      this.alertState = true;
      events.push({ type: 'alert', rowsSeen: this.rowsSeen, evaluation, driftedColumns: report.driftedColumns });
    } else if (this.alertState && this.clean >= this.clearAfter) {
      this.alertState = false;
      events.push({ type: 'clear', rowsSeen: this.rowsSeen, evaluation, driftedColumns: report.driftedColumns });
    }
    this.history.push({
      rowsSeen: this.rowsSeen,
      evaluation,
      datasetDrift: report.datasetDrift,
      shareOfDriftedColumns: report.shareOfDriftedColumns,
      driftedColumns: report.driftedColumns,
      columns: report.columns.map((c) => ({
        column: c.column,
        test: c.test,
        statistic: c.statistic,
        pValue: c.pValue,
        adjustedPValue: c.adjustedPValue,
        threshold: c.threshold,
        drifted: c.drifted,
      })),
      performance: this.performance(),
      alert: this.alertState,
    });
  }
}
