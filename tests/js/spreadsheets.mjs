// Spreadsheets as real writers make them, for the import tests and the
// release's install test: Python's csv module, openpyxl and XlsxWriter, from
// Debian (python3-openpyxl, python3-xlsxwriter; scripts/install-deps.sh).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// Debian's Python, which has python3-openpyxl (scripts/install-deps.sh), whatever python3 PATH finds first.
const python = process.env.KB_PYTHON || '/usr/bin/python3';

/** Runs `script` in Python with `args` (sys.argv[1:]); the rows travel as JSON. */
function py(script, ...args) {
  const r = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

/** A CSV file as Python's csv module writes it, UTF-8 with a byte order mark, as Excel saves "CSV UTF-8". */
export function writeCsv(file, rows) {
  py(
    `import csv, json, sys
with open(sys.argv[1], 'w', newline='', encoding='utf-8-sig') as f:
    csv.writer(f).writerows(json.loads(sys.argv[2]))`,
    file,
    JSON.stringify(rows),
  );
}

/**
 * An .xlsx workbook with the rows on its first sheet and a second sheet that is
 * not read, written by openpyxl (its cells as inline strings) or XlsxWriter
 * (shared strings, as Excel and WPS write them).
 */
export function writeXlsx(file, rows, writer) {
  const scripts = {
    openpyxl: `import json, sys, openpyxl
book = openpyxl.Workbook()
sheet = book.active
sheet.title = 'FAQ'
for row in json.loads(sys.argv[2]):
    sheet.append(row)
book.create_sheet('Notes').append(['not', 'read'])
book.save(sys.argv[1])`,
    xlsxwriter: `import json, sys, xlsxwriter
book = xlsxwriter.Workbook(sys.argv[1])
sheet = book.add_worksheet('FAQ')
for r, row in enumerate(json.loads(sys.argv[2])):
    for c, value in enumerate(row):
        if value is not None:
            sheet.write(r, c, value)
book.add_worksheet('Notes').write_row(0, 0, ['not', 'read'])
book.close()`,
  };
  py(scripts[writer], file, JSON.stringify(rows));
}
