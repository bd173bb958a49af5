/** One table of the bench report. Each suite in bench/suites/ returns one or more. */
export type BenchSection = {
  name: string;
  rows: Record<string, string | number>[];
  /** Sources of anchors, caveats, how a figure was measured. */
  notes?: string[];
};

/** A bench suite: `bench/suites/<name>.ts` exports `run`. */
export type BenchSuite = { run: () => Promise<BenchSection | BenchSection[]> };
