/** What a stand-in shell answers to one typed line. */
export type Reply = {
  output: string;
  /** A question the OLT asks (the next typed line answers it). */
  ask?: { question: string; answer: (answer: string) => Reply };
  /** The session ends after the output (logout). */
  logout?: boolean;
};

export interface Shell {
  prompt(): string;
  exec(line: string): Reply;
  /** True while the pager is on (off after `terminal length 0` / `screen-length 0 temporary`). */
  paging: boolean;
  readonly pager: 'zte' | 'huawei';
}

export const ok = (output = ''): Reply => ({ output });

/** Rows as left-aligned columns, as both vendors print tables. */
export function table(widths: number[], rows: (string | number)[][]) {
  return rows
    .map((r) =>
      r
        .map((c, i) => String(c).padEnd(widths[i] ?? 0))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
