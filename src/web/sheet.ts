/** A table as a download shows it: the columns of the table on screen, in the viewer's language. */
import type { Column } from '../services/workbook-style.js';

export type Cell = string | number | null;

export interface Sheet {
  /** The worksheet's name (Excel allows 31 characters, no []:*?/\). */
  name: string;
  /** The file name offered for the download (ASCII). */
  fileName: string;
  columns: Column[];
  rows: Cell[][];
}
